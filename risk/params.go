package risk

import (
	"math"
	"strconv"
)

// Parameter formatting. Values are locale-neutral (dot decimal separator, no
// thousands grouping, no currency) because the engine does not know the
// reader; clients that want locale formatting can re-parse them.

// itoa formats a count.
func itoa(n int) string { return strconv.Itoa(n) }

// oneDecimal formats x with one decimal, never as "-0.0".
func oneDecimal(x float64) string {
	r := math.Round(x*10) / 10
	if r == 0 {
		r = 0 // turns -0 into +0
	}
	return strconv.FormatFloat(r, 'f', 1, 64)
}

// money formats an amount with two decimals.
func money(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) }

// percent formats a 0..1 fraction as a whole percentage.
func percent(frac float64) string { return strconv.Itoa(int(math.Round(frac * 100))) }

// countMessage picks the singular or plural form of a counted message.
func countMessage(n int, one, other MessageKey) MessageKey {
	if n == 1 {
		return one
	}
	return other
}
