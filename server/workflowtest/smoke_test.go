package workflowtest_test

import (
	"testing"

	"github.com/retain-crm/retain/server/servertest"
)

// TestWorkflowSmoke walks the main retention workflow once end to end.
func TestWorkflowSmoke(t *testing.T) {
	t.Parallel()
	env := servertest.New(t)
	tok := env.Login(env.W1, "agentA")
	var created struct{ CreateCustomer struct{ ID string } }
	env.Do(tok, `mutation($rt:ID!){createCustomer(input:{name:"王伟",relationshipTypeId:$rt,tier:PKA}){id}}`,
		map[string]any{"rt": env.W1.RelationshipTypeID}).Decode(t, &created)
	cid := created.CreateCustomer.ID
	var logged struct{ LogInteraction struct{ ID string } }
	env.Do(tok, `mutation($c:ID!){logInteraction(input:{customerId:$c,channel:CALL,summary:"called",sentiment:-2,competitor:"Acme",
		promise:{description:"rebate",dueAt:"2020-01-01T00:00:00Z"}}){id}}`, map[string]any{"c": cid})
	env.Do(tok, `mutation($c:ID!){logInteraction(input:{customerId:$c,channel:CALL,summary:"called",sentiment:-2,competitor:"Acme"}){id}}`,
		map[string]any{"c": cid}).Decode(t, &logged)
	var opened struct {
		OpenComplaint struct {
			ID      string
			Version int
			Steps   []struct{ ID string }
		}
	}
	env.Do(tok, `mutation($c:ID!){openComplaint(input:{customerId:$c,category:DELIVERY,severity:CRITICAL,description:"late"}){id version steps{id}}}`,
		map[string]any{"c": cid}).Decode(t, &opened)
	if len(opened.OpenComplaint.Steps) != 7 {
		t.Fatalf("recovery steps = %d, want 7", len(opened.OpenComplaint.Steps))
	}
	var page struct {
		Customer struct {
			RiskScore   int
			RiskFactors []struct{ Key, Text string }
			Timeline    struct {
				Edges []struct{ Node struct{ Kind string } }
			}
			Profit     struct{ Revenue float64 }
			KeyDates   []struct{ ID string }
			Complaints struct {
				Edges []struct {
					Node struct {
						DeadlineBreached bool
						TotalCost        float64
					}
				}
			}
		}
	}
	env.Do(tok, `query($c:ID!){customer(id:$c){riskScore riskFactors{key text(lang:"zh")} timeline{edges{node{kind}}} profit{revenue} keyDates{id}
		complaints{edges{node{deadlineBreached totalCost}}}}}`, map[string]any{"c": cid}).Decode(t, &page)
	if page.Customer.RiskScore == 0 || len(page.Customer.Timeline.Edges) < 4 {
		t.Fatalf("page = %+v", page)
	}
	var agenda struct {
		ContactAgenda struct{ DueContacts []struct{ DaysOverdue int } }
	}
	env.Do(tok, `{contactAgenda(days:30){dueContacts{daysOverdue} keyDates{daysTo}}}`, nil).Decode(t, &agenda)
	admin := env.Login(env.W1, "admin")
	var ov struct{ ProfitOverview struct{ Customers int } }
	env.Do(admin, `{profitOverview{customers topShare pareto{customerShare profitShare} tiers{tier profit}} auditLog{edges{node{action}}} winBack{edges{node{lostAt}}} playbooks{code steps{kind}} lossReasons{code}}`, nil).Decode(t, &ov)
}
