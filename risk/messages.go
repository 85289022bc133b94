package risk

import "sort"

// MessageKey identifies an explanation template in the catalog. Keys are
// shared with the frontend's translation files, so they must never be renamed
// once released; add a new key instead.
//
// Where a count can be 1, the key comes in a "_one" and an "_other" form and
// the engine picks the right one — the i18next convention — so English never
// reads "1 complaints" and clients need no plural logic of their own.
type MessageKey string

// Message keys used by the engine.
const (
	// MsgContactOverdue: params days, cadence.
	MsgContactOverdue MessageKey = "risk.contact_overdue"
	// MsgNeverContacted: params days (since created), cadence.
	MsgNeverContacted MessageKey = "risk.never_contacted"
	// MsgOpenComplaintsOne: one open complaint; params count, serious, stale, maxSeverity.
	MsgOpenComplaintsOne MessageKey = "risk.open_complaints_one"
	// MsgOpenComplaintsOther: several open complaints; params as MsgOpenComplaintsOne.
	MsgOpenComplaintsOther MessageKey = "risk.open_complaints_other"
	// MsgBreachedDeadlinesOne: one missed response deadline; param count.
	MsgBreachedDeadlinesOne MessageKey = "risk.breached_deadlines_one"
	// MsgBreachedDeadlinesOther: several missed response deadlines; param count.
	MsgBreachedDeadlinesOther MessageKey = "risk.breached_deadlines_other"
	// MsgBrokenPromisesOne: one broken/overdue promise; params count, overdue, broken90d.
	MsgBrokenPromisesOne MessageKey = "risk.broken_promises_one"
	// MsgBrokenPromisesOther: several broken/overdue promises; params as MsgBrokenPromisesOne.
	MsgBrokenPromisesOther MessageKey = "risk.broken_promises_other"
	// MsgSentimentNegative: negative recent average; params avg, trend (when known).
	MsgSentimentNegative MessageKey = "risk.sentiment_negative"
	// MsgSentimentFalling: falling but not negative; params avg, trend, drop.
	MsgSentimentFalling MessageKey = "risk.sentiment_falling"
	// MsgSentimentNegativeFalling: negative and falling; params avg, trend, drop.
	MsgSentimentNegativeFalling MessageKey = "risk.sentiment_negative_falling"
	// MsgOrderDecline: order value fell; params drop (percent), last, prev.
	MsgOrderDecline MessageKey = "risk.order_decline"
	// MsgOrdersStopped: no orders after a period with orders; params drop, last, prev.
	MsgOrdersStopped MessageKey = "risk.orders_stopped"
	// MsgReturns: high return rate; param rate (percent).
	MsgReturns MessageKey = "risk.returns"
	// MsgCompetitorOne: one competitor mention; param count.
	MsgCompetitorOne MessageKey = "risk.competitor_one"
	// MsgCompetitorOther: several competitor mentions; param count.
	MsgCompetitorOther MessageKey = "risk.competitor_other"
	// MsgOwnerDeparted: the account manager has left; no params.
	MsgOwnerDeparted MessageKey = "risk.owner_departed"
	// MsgNoBackupOwner: key account without a backup owner; no params.
	MsgNoBackupOwner MessageKey = "risk.no_backup_owner"
	// MsgRemediationOverdueOne: one overdue remediation step; param count.
	MsgRemediationOverdueOne MessageKey = "risk.remediation_overdue_one"
	// MsgRemediationOverdueOther: several overdue remediation steps; param count.
	MsgRemediationOverdueOther MessageKey = "risk.remediation_overdue_other"
)

// translation holds one message in every supported language.
type translation struct{ en, zh string }

// catalog is the source of truth for explanation wording. Chinese follows the
// common UI convention of a space between Han characters and Latin
// letters or digits, but none next to full-width punctuation.
var catalog = map[MessageKey]translation{
	MsgContactOverdue: {
		en: "No contact for {days} days (expected every {cadence} days)",
		zh: "已 {days} 天未联系（约定每 {cadence} 天联系一次）",
	},
	MsgNeverContacted: {
		en: "Never contacted since being added {days} days ago (expected every {cadence} days)",
		zh: "建档 {days} 天以来从未联系（约定每 {cadence} 天联系一次）",
	},
	MsgOpenComplaintsOne: {
		en: "{count} complaint is still unresolved",
		zh: "有 {count} 起投诉尚未解决",
	},
	MsgOpenComplaintsOther: {
		en: "{count} complaints are still unresolved",
		zh: "有 {count} 起投诉尚未解决",
	},
	MsgBreachedDeadlinesOne: {
		en: "{count} complaint was not answered within the agreed response time",
		zh: "有 {count} 起投诉未在约定时限内响应",
	},
	MsgBreachedDeadlinesOther: {
		en: "{count} complaints were not answered within the agreed response time",
		zh: "有 {count} 起投诉未在约定时限内响应",
	},
	MsgBrokenPromisesOne: {
		en: "{count} promise to the customer is broken or overdue",
		zh: "有 {count} 项对客户的承诺未兑现或已逾期",
	},
	MsgBrokenPromisesOther: {
		en: "{count} promises to the customer are broken or overdue",
		zh: "有 {count} 项对客户的承诺未兑现或已逾期",
	},
	MsgSentimentNegative: {
		en: "Recent interactions have been negative (average sentiment {avg} on a scale of -2 to +2)",
		zh: "近期互动情绪偏负面（平均情绪 {avg}，范围 -2 至 +2）",
	},
	MsgSentimentFalling: {
		en: "Customer sentiment is falling (recent average {avg}, down {drop} from earlier interactions)",
		zh: "客户情绪正在下滑（近期平均 {avg}，比之前下降 {drop}）",
	},
	MsgSentimentNegativeFalling: {
		en: "Recent interactions have been negative and are getting worse (average {avg}, down {drop} from earlier interactions)",
		zh: "近期互动情绪负面且持续恶化（平均 {avg}，比之前下降 {drop}）",
	},
	MsgOrderDecline: {
		en: "Order value in the last 90 days is down {drop}% from the 90 days before",
		zh: "近 90 天订单金额比前 90 天下降 {drop}%",
	},
	MsgOrdersStopped: {
		en: "No orders in the last 90 days, after ordering in the 90 days before",
		zh: "近 90 天没有下单（此前 90 天仍有订单）",
	},
	MsgReturns: {
		en: "Return rate of {rate}% over the last 12 months",
		zh: "近 12 个月退货率达 {rate}%",
	},
	MsgCompetitorOne: {
		en: "A competitor was mentioned in the last 90 days",
		zh: "近 90 天内客户提到过竞争对手",
	},
	MsgCompetitorOther: {
		en: "Competitors were mentioned {count} times in the last 90 days",
		zh: "近 90 天内客户 {count} 次提到竞争对手",
	},
	MsgOwnerDeparted: {
		en: "The customer's account manager has left the company",
		zh: "该客户的客户经理已离职",
	},
	MsgNoBackupOwner: {
		en: "Key account with no backup owner",
		zh: "重点客户尚未指定备份负责人",
	},
	MsgRemediationOverdueOne: {
		en: "{count} remediation step is overdue",
		zh: "有 {count} 项补救步骤已逾期",
	},
	MsgRemediationOverdueOther: {
		en: "{count} remediation steps are overdue",
		zh: "有 {count} 项补救步骤已逾期",
	},
}

// MessageKeys returns every key the engine can emit, sorted, so the
// frontend's translation files can be checked for completeness in CI.
func MessageKeys() []MessageKey {
	keys := make([]MessageKey, 0, len(catalog))
	for k := range catalog {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}

// Catalog returns the templates for lang ("en" or "zh", with region or script
// suffixes such as "zh-CN" accepted); other languages get English. It returns
// a fresh map, so callers may modify it — for instance to serve it to clients.
func Catalog(lang string) map[MessageKey]string {
	zh := isChinese(lang)
	out := make(map[MessageKey]string, len(catalog))
	for k, t := range catalog {
		if zh {
			out[k] = t.zh
		} else {
			out[k] = t.en
		}
	}
	return out
}
