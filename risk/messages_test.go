package risk

import (
	"regexp"
	"slices"
	"testing"
)

var placeholderRE = regexp.MustCompile(`\{[^{}]*\}`)

func placeholders(s string) []string {
	p := placeholderRE.FindAllString(s, -1)
	slices.Sort(p)
	return slices.Compact(p)
}

func TestCatalogComplete(t *testing.T) {
	keys := MessageKeys()
	if len(keys) != len(catalog) || !slices.IsSorted(keys) {
		t.Fatalf("MessageKeys() = %v: want all %d catalog keys, sorted", keys, len(catalog))
	}
	for _, k := range keys {
		tr := catalog[k]
		if tr.en == "" || tr.zh == "" {
			t.Errorf("%s: missing translation %+v", k, tr)
		}
		if en, zh := placeholders(tr.en), placeholders(tr.zh); !slices.Equal(en, zh) {
			t.Errorf("%s: placeholders differ: en %v, zh %v", k, en, zh)
		}
	}
}

func TestCatalogLanguages(t *testing.T) {
	en, zh := Catalog("en"), Catalog("zh")
	for _, lang := range []string{"", "fr", "EN-us", "english", "zhx"} {
		if got := Catalog(lang); got[MsgReturns] != en[MsgReturns] {
			t.Errorf("Catalog(%q) is not English", lang)
		}
	}
	for _, lang := range []string{"zh-CN", "ZH", "zh_Hans", " zh "} {
		if got := Catalog(lang); got[MsgReturns] != zh[MsgReturns] {
			t.Errorf("Catalog(%q) is not Chinese", lang)
		}
	}
	en[MsgReturns] = "changed"
	if Catalog("en")[MsgReturns] == "changed" {
		t.Error("Catalog returned shared state")
	}
}

func TestExplain(t *testing.T) {
	f := Factor{Key: FactorContactOverdue, Points: 8, Message: MsgContactOverdue, Params: map[string]string{"days": "14", "cadence": "7"}}
	tests := []struct{ lang, want string }{
		{"en", "No contact for 14 days (expected every 7 days)"},
		{"zh", "已 14 天未联系（约定每 7 天联系一次）"},
		{"zh-CN", "已 14 天未联系（约定每 7 天联系一次）"},
		{"de", "No contact for 14 days (expected every 7 days)"},
	}
	for _, tt := range tests {
		if got := Explain(f, tt.lang); got != tt.want {
			t.Errorf("Explain(%s) = %q, want %q", tt.lang, got, tt.want)
		}
	}

	if got := Explain(Factor{Message: "risk.nope"}, "en"); got != "risk.nope" {
		t.Errorf("unknown key rendered as %q", got)
	}
	if got := Explain(Factor{Message: MsgContactOverdue, Params: map[string]string{"days": "{cadence}"}}, "en"); got != "No contact for {cadence} days (expected every {cadence} days)" {
		t.Errorf("missing/recursive params rendered as %q", got)
	}
	if got := render("a {x", map[string]string{"x": "y"}); got != "a {x" {
		t.Errorf("unterminated placeholder rendered as %q", got)
	}
}
