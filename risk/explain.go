package risk

import "strings"

// Explain renders a factor in "en" or "zh" (Simplified Chinese). Region and
// script suffixes ("zh-CN", "zh_Hans", "en-GB") are accepted and any other
// language falls back to English, because a reason in the wrong language is
// better than none. A message key missing from the catalog renders as the key
// itself, and a placeholder without a parameter is left as written, so a
// mismatch shows up visibly instead of silently dropping text.
func Explain(f Factor, lang string) string {
	t, ok := catalog[f.Message]
	if !ok {
		return string(f.Message)
	}
	tmpl := t.en
	if isChinese(lang) {
		tmpl = t.zh
	}
	return render(tmpl, f.Params)
}

// isChinese reports whether lang asks for Simplified Chinese. Traditional
// Chinese tags (zh-TW, zh-HK, zh-Hant) also map here: Simplified text is
// far more readable to those users than the English fallback.
func isChinese(lang string) bool {
	lang = strings.ToLower(strings.TrimSpace(lang))
	return lang == "zh" || strings.HasPrefix(lang, "zh-") || strings.HasPrefix(lang, "zh_")
}

// render replaces each {name} in tmpl with params[name], in a single pass so
// a parameter value containing braces is never expanded again.
func render(tmpl string, params map[string]string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(tmpl, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(tmpl[open:], '}')
		if end < 0 {
			break
		}
		end += open
		b.WriteString(tmpl[:open])
		if v, ok := params[tmpl[open+1:end]]; ok {
			b.WriteString(v)
		} else {
			b.WriteString(tmpl[open : end+1])
		}
		tmpl = tmpl[end+1:]
	}
	b.WriteString(tmpl)
	return b.String()
}
