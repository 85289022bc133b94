package db

// Word pools for realistic demo data: Chinese and English people and
// companies, as a sales team in China with international clients would have.
var (
	seedSurnames   = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"}
	seedGiven      = []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "建国", "志强", "晓东", "海燕", "文博", "思远"}
	seedFirstNames = []string{"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Susan", "Richard", "Jessica", "Thomas", "Sarah", "Daniel", "Karen", "Emma", "Oliver"}
	seedLastNames  = []string{"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker"}
	seedCitiesZH   = []string{"上海", "北京", "深圳", "广州", "杭州", "成都", "南京", "苏州", "武汉", "西安", "重庆", "天津"}
	seedCitiesEN   = []string{"Singapore", "London", "Sydney", "Toronto", "Hong Kong", "New York", "Frankfurt", "Tokyo"}
	seedCoWordsZH  = []string{"恒通", "华盛", "鑫源", "宏达", "金鹏", "瑞丰", "嘉禾", "远航", "天成", "永泰", "博雅", "新纪元"}
	seedCoSuffixZH = []string{"贸易有限公司", "科技有限公司", "实业有限公司", "餐饮管理有限公司", "电器有限公司", "物流有限公司"}
	seedCoWordsEN  = []string{"Northwind", "Blue Harbor", "Evergreen", "Summit", "Pioneer", "Silverline", "Redwood", "Atlas", "Bright Path", "Keystone"}
	seedCoSuffixEN = []string{"Trading Ltd", "Foods Inc", "Logistics", "Retail Group", "Engineering", "Hotels"}
	seedIndustries = []string{"Retail", "Catering", "Manufacturing", "Logistics", "Hospitality", "Healthcare", "Education", "Construction"}
	seedTags       = []string{"vip", "renewal-due", "referral", "price-sensitive", "wechat", "trade-show", "重点客户", "老客户"}
	seedSummaries  = []string{
		"Quarterly review call; discussed next season's order volume.",
		"Visited the store, checked the display and stock levels.",
		"Sent the new catalogue and price list by email.",
		"客户反映交货有延迟，已安排跟进。",
		"中秋节送月饼礼盒，客户很满意。",
		"电话回访，了解使用情况，客户提到竞争对手报价更低。",
		"Lunch meeting with the purchasing manager; very positive.",
		"WeChat message: confirmed delivery date for the next order.",
		"客户生日，寄送了贺卡和小礼物。",
		"Handled a billing question; customer was frustrated at first.",
		"参加客户年会，与老板交流了明年的合作计划。",
		"Customer asked for a discount matching a competitor's offer.",
	}
	seedCompetitors = []string{"", "", "", "", "", "", "", "", "Acme Supplies", "宏图贸易", "FastShip", "优选供应链"}
	seedComplaints  = []string{
		"Delivery arrived three days late and the customer missed a promotion.",
		"产品质量问题：一批货物有破损。",
		"Invoice amount did not match the agreed price.",
		"客服态度不好，客户电话被转了三次没人处理。",
		"The promised rebate has not been paid.",
		"空调坏了，销售和售后互相推诿。",
	}
	seedPromises = []string{
		"Pay the year-end rebate",
		"Deliver the replacement parts",
		"安排技术人员上门维修",
		"Send the revised quotation",
		"兑现积分奖励",
		"Invite to the customer appreciation event",
	}
)
