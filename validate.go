package retain

import (
	"encoding/json"
	"math"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
)

// CheckText trims s and checks its length in characters (not bytes, so
// Chinese text gets the same limits as English).
func CheckText(field, s string, min, max int) (string, error) {
	s = strings.TrimSpace(s)
	n := utf8.RuneCountInString(s)
	if !utf8.ValidString(s) {
		return s, Invalid(field, "%s is not valid UTF-8", field)
	}
	// Control characters have no place in names and labels; NUL in
	// particular cannot be stored in PostgreSQL text and would otherwise be
	// dropped silently on the way in.
	if strings.IndexFunc(s, isBadControl) >= 0 {
		return s, Invalid(field, "%s contains a control character", field)
	}
	if n < min {
		if min == 1 {
			return s, Invalid(field, "%s is required", field)
		}
		return s, Invalid(field, "%s must be at least %d characters", field, min)
	}
	if n > max {
		return s, Invalid(field, "%s must be at most %d characters", field, max)
	}
	return s, nil
}

// isBadControl reports control characters other than tab and line breaks.
func isBadControl(r rune) bool {
	return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r'
}

// CheckEmail validates an optional email address (empty is allowed when
// optional is true).
func CheckEmail(field, s string, optional bool) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" && optional {
		return s, nil
	}
	if len(s) > 254 {
		return s, Invalid(field, "%s is too long", field)
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndex(s, "@")+1:], ".") {
		return s, Invalid(field, "%s is not a valid email address", field)
	}
	return s, nil
}

// CheckID checks that s is a well-formed id. Callers that look a record up
// treat a malformed id as not found instead.
func CheckID(field, s string) (string, error) {
	u, err := uuid.Parse(s)
	if err != nil || len(s) != 36 {
		return s, Invalid(field, "%s is not a valid id", field)
	}
	return u.String(), nil
}

// ValidID reports whether s is a well-formed id.
func ValidID(s string) bool {
	_, err := CheckID("id", s)
	return err == nil
}

// CheckMoney checks a non-negative amount within the database's range.
func CheckMoney(field string, v float64) error {
	if v < 0 {
		return Invalid(field, "%s must not be negative", field)
	}
	// The columns are numeric(14,2): a value is rounded to cents first, so
	// 999999999999.999 overflows although it is below 1e12.
	if v != v || v >= 1e12 || math.Round(v*100) >= 1e14 {
		return Invalid(field, "%s is too large", field)
	}
	return nil
}

// CheckTags normalises a tag list: trimmed, unique, at most 20 tags of 1..40 characters.
func CheckTags(field string, tags []string) ([]string, error) {
	if len(tags) > 20 {
		return nil, Invalid(field, "at most 20 tags")
	}
	out := make([]string, 0, len(tags))
	seen := map[string]bool{}
	for _, t := range tags {
		t, err := CheckText(field, t, 1, 40)
		if err != nil {
			return nil, err
		}
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out, nil
}

// CheckDocument limits free-form JSON documents to 16 KiB.
func CheckDocument(field string, doc map[string]any) (map[string]any, error) {
	if doc == nil {
		return map[string]any{}, nil
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, Invalid(field, "%s is not a valid document", field)
	}
	if len(b) > 16<<10 {
		return nil, Invalid(field, "%s must be at most 16 KiB", field)
	}
	// PostgreSQL's jsonb rejects \u0000; refuse it here as bad input rather
	// than fail in the database.
	if hasNUL(doc) {
		return nil, Invalid(field, "%s must not contain NUL characters", field)
	}
	return doc, nil
}

// hasNUL reports whether any key or string in a JSON value contains NUL.
func hasNUL(v any) bool {
	switch v := v.(type) {
	case string:
		return strings.ContainsRune(v, 0)
	case map[string]any:
		for k, x := range v {
			if strings.ContainsRune(k, 0) || hasNUL(x) {
				return true
			}
		}
	case []any:
		for _, x := range v {
			if hasNUL(x) {
				return true
			}
		}
	}
	return false
}

// Validate normalises the input and reports the first invalid field.
func (in *CustomerInput) Validate() error {
	var err error
	if in.Name, err = CheckText("input.name", in.Name, 1, 200); err != nil {
		return err
	}
	if in.Company, err = CheckText("input.company", in.Company, 0, 200); err != nil {
		return err
	}
	if in.Email, err = CheckEmail("input.email", in.Email, true); err != nil {
		return err
	}
	if in.Phone, err = CheckText("input.phone", in.Phone, 0, 50); err != nil {
		return err
	}
	if in.City, err = CheckText("input.city", in.City, 0, 100); err != nil {
		return err
	}
	if in.Industry, err = CheckText("input.industry", in.Industry, 0, 100); err != nil {
		return err
	}
	if in.ExternalID != nil {
		v, err := CheckText("input.externalId", *in.ExternalID, 1, 100)
		if err != nil {
			return err
		}
		in.ExternalID = &v
	}
	if in.Stage == "" {
		in.Stage = StageActive
	}
	// Losing a customer is a recorded event with a loss reason, which a
	// create cannot carry; the database would refuse it with a vague error.
	if in.Stage == StageLost {
		return Invalid("input.stage", "a customer cannot be created as lost; create it, then mark it lost with a reason")
	}
	if in.Tier == "" {
		in.Tier = TierStandard
	}
	if in.Potential == "" {
		in.Potential = "B"
	}
	if in.Potential != "A" && in.Potential != "B" && in.Potential != "C" {
		return Invalid("input.potential", "potential must be A, B or C")
	}
	if in.OwnerID, err = CheckID("input.ownerId", in.OwnerID); err != nil {
		return err
	}
	if in.RelationshipTypeID, err = CheckID("input.relationshipTypeId", in.RelationshipTypeID); err != nil {
		return err
	}
	if in.BackupOwnerID != nil {
		if _, err = CheckID("input.backupOwnerId", *in.BackupOwnerID); err != nil {
			return err
		}
		if *in.BackupOwnerID == in.OwnerID {
			return Invalid("input.backupOwnerId", "the backup owner must differ from the owner")
		}
	}
	if in.ReferredByID != nil {
		if _, err = CheckID("input.referredById", *in.ReferredByID); err != nil {
			return err
		}
	}
	if in.Tags, err = CheckTags("input.tags", in.Tags); err != nil {
		return err
	}
	if in.Details, err = CheckDocument("input.details", in.Details); err != nil {
		return err
	}
	if in.Preferences, err = CheckDocument("input.preferences", in.Preferences); err != nil {
		return err
	}
	if err = CheckMoney("input.annualRevenue", in.AnnualRevenue); err != nil {
		return err
	}
	return CheckMoney("input.acquisitionCost", in.AcquisitionCost)
}

// Apply validates the patch and applies it to c.
func (p *CustomerPatch) Apply(c *Customer) error {
	var err error
	str := func(field string, src *string, dst *string, min, max int) {
		if err != nil || src == nil {
			return
		}
		var v string
		if v, err = CheckText(field, *src, min, max); err == nil {
			*dst = v
		}
	}
	str("input.name", p.Name, &c.Name, 1, 200)
	str("input.company", p.Company, &c.Company, 0, 200)
	str("input.phone", p.Phone, &c.Phone, 0, 50)
	str("input.city", p.City, &c.City, 0, 100)
	str("input.industry", p.Industry, &c.Industry, 0, 100)
	if err != nil {
		return err
	}
	if p.Email != nil {
		if c.Email, err = CheckEmail("input.email", *p.Email, true); err != nil {
			return err
		}
	}
	if p.ExternalID != nil {
		v, err := CheckText("input.externalId", *p.ExternalID, 0, 100)
		if err != nil {
			return err
		}
		if v == "" {
			c.ExternalID = nil
		} else {
			c.ExternalID = &v
		}
	}
	if p.Tier != nil {
		c.Tier = *p.Tier
	}
	if p.Potential != nil {
		if *p.Potential != "A" && *p.Potential != "B" && *p.Potential != "C" {
			return Invalid("input.potential", "potential must be A, B or C")
		}
		c.Potential = *p.Potential
	}
	if p.RelationshipTypeID != nil {
		if c.RelationshipTypeID, err = CheckID("input.relationshipTypeId", *p.RelationshipTypeID); err != nil {
			return err
		}
	}
	if p.Tags != nil {
		if c.Tags, err = CheckTags("input.tags", p.Tags); err != nil {
			return err
		}
	}
	if p.Details != nil {
		if c.Details, err = CheckDocument("input.details", p.Details); err != nil {
			return err
		}
	}
	if p.Preferences != nil {
		if c.Preferences, err = CheckDocument("input.preferences", p.Preferences); err != nil {
			return err
		}
	}
	if p.AnnualRevenue != nil {
		if err = CheckMoney("input.annualRevenue", *p.AnnualRevenue); err != nil {
			return err
		}
		c.AnnualRevenue = *p.AnnualRevenue
	}
	if p.AcquisitionCost != nil {
		if err = CheckMoney("input.acquisitionCost", *p.AcquisitionCost); err != nil {
			return err
		}
		c.AcquisitionCost = *p.AcquisitionCost
	}
	if p.Satisfaction != nil {
		if *p.Satisfaction < 1 || *p.Satisfaction > 5 {
			return Invalid("input.satisfaction", "satisfaction must be between 1 and 5")
		}
		c.Satisfaction = p.Satisfaction
	}
	return nil
}
