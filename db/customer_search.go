package db

import (
	"context"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/schema"

	"github.com/retain-crm/retain"
)

// Customer search (filter.search) keeps the customers whose name, company,
// email or phone, or one of whose contacts' name, email, phone or WeChat id,
// contains the term, ignoring case: ILIKE '%term%' on the two texts below,
// with the LIKE wildcards of the term escaped.
//
// The list is ordered (by risk unless asked otherwise) and paged by keyset,
// and the cheapest way to fill a page depends on how many customers match:
//
//   - few: look the term up in the GIN indexes of both tables and list those
//     customers (narrowSearch: at most searchCap rows from each table);
//   - many (a cap was reached): walk the list in its order and test each
//     customer (searchNarrowing.apply); the term is frequent, so a page fills after a
//     few hundred rows.
//
// Neither the planner (its estimate for ILIKE '%…%' is a fixed 0.01 %, so it
// picks the index for frequent words too) nor one statement can choose
// between them (the walk has to be the outer scan of the list's own ORDER BY
// and LIMIT), so narrowSearch asks the indexes first, in one statement, and
// the list statements (FindCustomers applies its narrowing to the page and
// the count) then carry either the ids found or nothing more.
//
// Which index a term uses:
//
//   - a run of three or more letters or digits: pg_trgm's trigram indexes
//     (customers_search_idx, contacts_search_idx). pg_trgm reads the posting
//     list of every trigram of the pattern, and trigrams such as "cus" or
//     "138" are in nearly every row; so when the trigram statistics
//     (migration 20261123000003) are at hand the lookup names only the
//     rarer trigrams (probeTrigrams), and the whole term is checked on the
//     rows found;
//   - otherwise two characters or more with one that is not ASCII (恒通,
//     "王 伟"): the bigram indexes (retain_bigrams, same migration), since
//     pg_trgm takes no trigram from a two-character word inside a longer
//     run of letters;
//   - otherwise (one character, or two ASCII ones such as "Li" or "50%",
//     which the bigram index leaves out): no index, the walk.
//
// The exact test is written "(text || '') ILIKE pattern" wherever an index
// probe comes with it: the same test, which the planner cannot match to the
// trigram index and so never reads all the term's posting lists for.

// customerText and contactText are the searched texts, exactly as indexed.
const (
	customerText = "(c.name || ' ' || c.company || ' ' || c.email || ' ' || c.phone)"
	contactText  = "(ct.name || ' ' || ct.email || ' ' || ct.phone || ' ' || ct.wechat)"
)

// defaultSearchCap is how many rows of each table a search looks up
// through the indexes before it walks the list instead.
const defaultSearchCap = 1000

// searchMemory is what searches keep between requests, per database handle.
type searchMemory struct {
	cap      atomic.Int64 // 0: defaultSearchCap
	verdicts termVerdicts
	stats    atomic.Pointer[searchStats]
}

// SetSearchCap sets how many rows of each table a search looks up through
// the indexes before it walks the list instead, and returns the previous
// cap. Tests lower it to reach the walk with a handful of customers.
func (db *DB) SetSearchCap(n int) int {
	previous := db.searchCap()
	db.search.cap.Store(int64(max(n, 1)))
	return int(previous)
}

func (db *DB) searchCap() int64 {
	if n := db.search.cap.Load(); n > 0 {
		return n
	}
	return defaultSearchCap
}

type searchIndex int

const (
	walkOnly searchIndex = iota
	trigramIndex
	bigramIndex
)

// customerSearch is a term and how each table is searched for it.
type customerSearch struct {
	term, pattern string
	index         searchIndex
	// customerProbes and contactProbes are the trigram windows looked up
	// in each table's index; nil means the whole pattern.
	customerProbes, contactProbes []string
}

func newCustomerSearch(term string, stats *searchStats) customerSearch {
	s := customerSearch{term: term, pattern: likePattern(term), index: classifySearch(term)}
	if s.index == trigramIndex && stats != nil {
		s.customerProbes = probeTrigrams(term, stats.customers)
		s.contactProbes = probeTrigrams(term, stats.contacts)
	}
	return s
}

// classifySearch picks the index a term can use. pg_trgm splits text into
// words of letters and digits; a run of three of them gives it a trigram
// that does not depend on what surrounds the term. The bigram index holds
// the pairs with a non-ASCII character.
func classifySearch(term string) searchIndex {
	run, longest, n, wide := 0, 0, 0, false
	for _, r := range term {
		n++
		wide = wide || r > unicode.MaxASCII
		if isWordRune(r) {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	switch {
	case longest >= 3:
		return trigramIndex
	case n >= 2 && wide:
		return bigramIndex
	}
	return walkOnly
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// match is the condition that a row of the table behind text (alias c or
// ct) contains the term, with the index probe a lookup needs. The bigram
// probe guards against a term whose pairs all turn ASCII in lower() (the
// Kelvin sign): its bigram array would be empty, contained in every row's.
// PostgreSQL folds the guard, an immutable function of a constant, before
// planning: the lookup then finds nothing (and narrowSearch walks), the
// walk drops the probe.
func (s customerSearch) match(text string, probes []string, lookup bool) conds {
	exact := bun.SafeQuery("("+text+" || '') ILIKE ?", s.pattern)
	switch s.index {
	case trigramIndex:
		if len(probes) == 0 {
			return conds{bun.SafeQuery(text+" ILIKE ?", s.pattern)}
		}
		cs := make(conds, 0, len(probes)+1)
		for _, p := range probes {
			cs = append(cs, bun.SafeQuery(text+" ILIKE ?", likePattern(p)))
		}
		return append(cs, exact)
	case bigramIndex:
		probe := "(cardinality(retain_bigrams(?)) = 0 OR retain_bigrams(" + text + ") @> retain_bigrams(?))"
		if lookup {
			probe = "cardinality(retain_bigrams(?)) > 0 AND retain_bigrams(" + text + ") @> retain_bigrams(?)"
		}
		return conds{bun.SafeQuery(probe, s.term, s.term), exact}
	}
	return conds{exact}
}

// conds is a conjunction of conditions.
type conds []schema.QueryAppender

func (cs conds) and() schema.QueryAppender {
	parts := make([]string, len(cs))
	args := make([]any, len(cs))
	for i, c := range cs {
		parts[i], args[i] = "?", c
	}
	return bun.SafeQuery("("+strings.Join(parts, " AND ")+")", args...)
}

// walkCondition is the search as a test of each listed customer: its own
// text, or any of its contacts'. The contacts side carries the index probe,
// so when PostgreSQL runs it once for the whole list (a hashed subplan) it
// reads an index rather than every contact.
func (s customerSearch) walkCondition() schema.QueryAppender {
	return bun.SafeQuery("(("+customerText+" || '') ILIKE ? OR EXISTS (SELECT 1 FROM contacts AS ct WHERE ct.customer_id = c.id AND ?))",
		s.pattern, s.match(contactText, s.contactProbes, false).and())
}

// searchNarrowing applies a list's search: the search condition, which is
// the whole filter by itself, and what the index lookup of the term found,
// the only customers that can match (narrowed). A nil narrowing adds nothing.
type searchNarrowing struct {
	term     string
	stats    *searchStats
	narrowed bool
	ids      []string
}

// apply restricts a customers query (alias c) to the customers that match.
// The search condition stays on the query when the lookup narrowed it and
// checks the customers found again, so the page is right even if a
// customer changed in between.
func (n *searchNarrowing) apply(q *bun.SelectQuery) *bun.SelectQuery {
	if n == nil || n.term == "" {
		return q
	}
	q = q.Where("?", newCustomerSearch(n.term, n.stats).walkCondition())
	if !n.narrowed {
		return q
	}
	if len(n.ids) == 0 {
		return q.Where("FALSE")
	}
	return q.Where("c.id = ANY(?::uuid[])", pgdialect.Array(n.ids))
}

// narrowSearch looks a list's search term up in the indexes of customers
// and contacts, at most searchCap rows each, in one statement. It returns
// nil, meaning walk the list, when there is no term, when no index serves
// it (one character, two ASCII ones), when the actor sees only their own book (a few
// thousand customers at most: the walk reads no more than that), and when
// either table has more rows than the cap (the term is frequent and the walk
// finds a page quickly). Finding that out costs the lookup of a cap's worth
// of rows, so it is not asked again for a while: a two-character term is one
// bigram, whose share of the customers the statistics give, and a term whose
// lookup overflowed is remembered (termVerdicts), for its next pages and
// the next searches.
func (s *CustomerService) narrowSearch(ctx context.Context, a *retain.Actor, f retain.CustomerFilter) (*searchNarrowing, error) {
	if f.Search == "" {
		return nil, nil
	}
	stats := s.searchStats(ctx)
	walk := &searchNarrowing{term: f.Search, stats: stats}
	if retain.VisibilityOf(a).Member != "" || classifySearch(f.Search) == walkOnly {
		return walk, nil
	}
	srch := newCustomerSearch(f.Search, stats)
	limit := s.DB.searchCap()
	known := frequentKey{a.WorkspaceID, strings.ToLower(f.Search), f.IncludeArchived}
	if stats.frequentPair(f.Search, limit) || s.DB.search.verdicts.has(known, limit) {
		return walk, nil
	}
	live := bun.Safe("TRUE")
	if !f.IncludeArchived {
		live = "c.archived_at IS NULL"
	}
	// usable is false when the term has no bigram after all (see match).
	usable := bun.SafeQuery("TRUE")
	if srch.index == bigramIndex {
		usable = bun.SafeQuery("cardinality(retain_bigrams(?)) > 0", srch.term)
	}
	var customers, contacts []string
	var ok bool
	err := s.DB.NewRaw(`SELECT
  ARRAY(SELECT c.id FROM customers AS c WHERE c.workspace_id = ? AND ? AND ? LIMIT ?),
  ARRAY(SELECT ct.customer_id FROM contacts AS ct WHERE ct.workspace_id = ? AND ? LIMIT ?), ?`,
		a.WorkspaceID, live, srch.match(customerText, srch.customerProbes, true).and(), limit+1,
		a.WorkspaceID, srch.match(contactText, srch.contactProbes, true).and(), limit+1, usable).
		Scan(ctx, pgdialect.Array(&customers), pgdialect.Array(&contacts), &ok)
	if err != nil {
		return nil, err
	}
	if !ok {
		return walk, nil
	}
	if int64(len(customers)) > limit || int64(len(contacts)) > limit {
		s.DB.search.verdicts.add(known, limit)
		return walk, nil
	}
	ids := customers
	seen := make(map[string]bool, len(customers)+len(contacts))
	for _, id := range customers {
		seen[id] = true
	}
	for _, id := range contacts {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	walk.narrowed, walk.ids = true, ids
	return walk, nil
}

// termVerdicts remembers, for frequentTermTTL, the terms of a workspace
// whose lookup found more rows than a cap (the verdict holds for that cap
// and any smaller). The verdict only chooses the walk, which is right
// whatever the data has become; at worst a term that turned rare walks
// for a few minutes.

const (
	frequentTermTTL   = 5 * time.Minute
	frequentTermsSize = 4096
)

type frequentKey struct {
	workspace, term string
	archived        bool
}

type termVerdict struct {
	limit   int64
	expires time.Time
}

type termVerdicts struct {
	mu sync.Mutex
	m  map[frequentKey]termVerdict
}

func (v *termVerdicts) has(k frequentKey, limit int64) bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	e, ok := v.m[k]
	return ok && limit <= e.limit && time.Now().Before(e.expires)
}

func (v *termVerdicts) add(k frequentKey, limit int64) {
	v.mu.Lock()
	defer v.mu.Unlock()
	now := time.Now()
	if v.m == nil {
		v.m = map[frequentKey]termVerdict{}
	}
	if len(v.m) >= frequentTermsSize {
		for key, e := range v.m {
			if now.After(e.expires) {
				delete(v.m, key)
			}
		}
		if len(v.m) >= frequentTermsSize {
			clear(v.m)
		}
	}
	v.m[k] = termVerdict{limit: limit, expires: now.Add(frequentTermTTL)}
}

// probeTrigrams picks the trigrams of a term to look up, by the table's
// trigram statistics: the rarest, and (up to eight) every other one at most
// ten times as frequent or in under 1 % of the rows. Leaving out the
// trigrams nearly every row has ("cus" of customer4242, "138" of a Chinese
// mobile number) spares reading their long posting lists; keeping the
// others keeps the rows found, which are fetched and checked, few. Trigrams next
// to each other are looked up as one substring (pg_trgm takes from "r4242"
// exactly r42, 424 and 242), each substring being one more ILIKE for the
// rows found to pass. Only windows of three letters or digits are trigrams
// pg_trgm indexes as they are. It returns nil, meaning the whole pattern,
// without statistics or when the term is one word that keeps every trigram.
func probeTrigrams(term string, freqs *gramFreqs) []string {
	if freqs == nil {
		return nil
	}
	type window struct {
		at    int
		bound float64
	}
	var windows []window
	seen := map[string]bool{}
	runes := []rune(term)
	for i := 0; i+3 <= len(runes); i++ {
		w := runes[i : i+3]
		if !isWordRune(w[0]) || !isWordRune(w[1]) || !isWordRune(w[2]) {
			continue
		}
		key := strings.ToLower(string(w))
		if seen[key] {
			continue
		}
		seen[key] = true
		windows = append(windows, window{i, freqs.of(key)})
	}
	sort.SliceStable(windows, func(i, j int) bool { return windows[i].bound < windows[j].bound })
	kept := make([]int, 0, 8)
	for _, w := range windows {
		if len(kept) == 8 || (w.bound > 10*windows[0].bound && w.bound >= 0.01) {
			break
		}
		kept = append(kept, w.at)
	}
	if len(kept) == len(windows) && !strings.ContainsFunc(term, func(r rune) bool { return !isWordRune(r) }) {
		return nil
	}
	sort.Ints(kept)
	var probes []string
	for i := 0; i < len(kept); {
		j := i
		for j+1 < len(kept) && kept[j+1] == kept[j]+1 {
			j++
		}
		probes = append(probes, string(runes[kept[i]:kept[j]+3]))
		i = j + 1
	}
	return probes
}

// gramFreqs are the most common grams (lowered) of a table's searched text
// with the share of rows holding each; rare bounds every other gram.
type gramFreqs struct {
	freq map[string]float64
	rare float64
}

func (f *gramFreqs) of(gram string) float64 {
	if v, ok := f.freq[gram]; ok {
		return v
	}
	return f.rare
}

// searchStats are what the search reads from the statistics, kept for a
// while per database handle: the most common trigrams of both tables (the
// expression statistics customers_search_trigrams and
// contacts_search_trigrams), the most common pairs of the customers'
// bigram index, and the planner's count of customers.
type searchStats struct {
	customers, contacts *gramFreqs // trigrams
	pairs               *gramFreqs // customers' bigrams
	customerRows        float64
	loaded              time.Time
}

// frequentPair reports whether a two-character term is in more than four
// times limit customers by the statistics.
func (st *searchStats) frequentPair(term string, limit int64) bool {
	if st == nil || st.pairs == nil || utf8.RuneCountInString(term) != 2 {
		return false
	}
	f, ok := st.pairs.freq[strings.ToLower(term)]
	return ok && f*st.customerRows > 4*float64(limit)
}

const searchStatsTTL = 10 * time.Minute

// searchStats returns the statistics, reading them again when they are
// older than searchStatsTTL. Without them (never analyzed, or hidden from
// this role) searches look up whole patterns.
func (s *CustomerService) searchStats(ctx context.Context) *searchStats {
	if st := s.DB.search.stats.Load(); st != nil && time.Since(st.loaded) < searchStatsTTL {
		return st
	}
	st := &searchStats{loaded: time.Now()}
	var rows []struct {
		Name  string    `bun:"name"`
		Elems []string  `bun:"elems,array"`
		Freqs []float64 `bun:"freqs,array"`
	}
	err := s.DB.NewRaw(`SELECT statistics_name::text AS name, most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs
  FROM pg_stats_ext_exprs WHERE statistics_schemaname = current_schema()
  AND statistics_name IN ('customers_search_trigrams', 'contacts_search_trigrams')
UNION ALL
SELECT tablename::text, most_common_elems::text::text[], most_common_elem_freqs
  FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'customers_bigram_idx'`).Scan(ctx, &rows)
	if err == nil {
		err = s.DB.NewRaw("SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = 'customers'::regclass").Scan(ctx, &st.customerRows)
	}
	if err == nil {
		for _, r := range rows {
			f := &gramFreqs{freq: make(map[string]float64, len(r.Elems)), rare: 1}
			// The frequencies end with three summary values (minimum,
			// maximum, share of nulls).
			for i, e := range r.Elems[:min(len(r.Elems), len(r.Freqs))] {
				f.freq[e] = r.Freqs[i]
				f.rare = min(f.rare, r.Freqs[i])
			}
			if len(f.freq) == 0 {
				f.rare = 0
			}
			switch r.Name {
			case "customers_search_trigrams":
				st.customers = f
			case "contacts_search_trigrams":
				st.contacts = f
			default:
				st.pairs = f
			}
		}
	}
	s.DB.search.stats.Store(st)
	return st
}
