package risk

import (
	"math"
	"time"
)

// Commercial signals: what the customer buys and sends back.

// Order decline ramp: drops below orderDropIgnore are ordinary fluctuation;
// from there the signal ramps linearly (no jump at the lower edge) to the full
// weight at orderDropFull.
const (
	orderDropIgnore = 0.10
	orderDropFull   = 0.60
)

// evalOrderDecline compares order value in the last 90 days with the 90 days
// before. Without a previous-period baseline (no orders at all, or a new
// customer) there is nothing to decline from, so it scores 0. Orders
// stopping entirely after a period with orders scores the full weight.
func evalOrderDecline(s Signals, _ time.Time) evaluation {
	prev, last := s.OrderValuePrev90, math.Max(s.OrderValueLast90, 0)
	if !(prev > 0) || last >= prev {
		return evaluation{}
	}
	drop := (prev - last) / prev
	params := map[string]string{"last": money(last), "prev": money(prev)}
	if last == 0 {
		params["drop"] = "100"
		return evaluation{fraction: 1, message: MsgOrdersStopped, params: params}
	}
	if drop < orderDropIgnore {
		return evaluation{}
	}
	// Never claim a 100 % drop while some orders remain.
	params["drop"] = itoa(min(int(math.Round(drop*100)), 99))
	return evaluation{
		fraction: (drop - orderDropIgnore) / (orderDropFull - orderDropIgnore),
		message:  MsgOrderDecline,
		params:   params,
	}
}

// Return-rate ramp: up to returnRateNormal is the cost of doing business;
// from there it ramps linearly to the full weight at returnRateFull.
const (
	returnRateNormal = 0.05
	returnRateFull   = 0.30
)

// evalReturns: a high return rate signals dissatisfaction with what was
// bought (and makes the customer costly to serve).
func evalReturns(s Signals, _ time.Time) evaluation {
	rate := clamp01(s.ReturnRate)
	if rate <= returnRateNormal {
		return evaluation{}
	}
	return evaluation{
		fraction: (rate - returnRateNormal) / (returnRateFull - returnRateNormal),
		message:  MsgReturns,
		params:   map[string]string{"rate": percent(rate)},
	}
}
