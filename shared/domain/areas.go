package domain

// Area is a practice area a lawyer practises and a question is routed to.
type Area struct {
	Code string `json:"code"`
	ZH   string `json:"zh"`
	EN   string `json:"en"`
}

// Areas is the fixed list of practice areas, in the order the web shows them.
var Areas = []Area{
	{"family", "婚姻家庭", "Family & divorce"},
	{"labor", "劳动纠纷", "Labour & employment"},
	{"criminal", "刑事辩护", "Criminal defence"},
	{"traffic", "交通事故", "Traffic accidents"},
	{"medical", "医疗纠纷", "Medical disputes"},
	{"contract", "合同纠纷", "Contracts & leases"},
	{"real_estate", "房产纠纷", "Real estate & housing"},
	{"debt", "债权债务", "Loans & debts"},
	{"corporate", "公司法务", "Corporate"},
	{"ip", "知识产权", "Intellectual property"},
	{"administrative", "行政诉讼", "Administrative litigation"},
	{"privacy", "个人信息保护", "Personal data & privacy"},
	{"consumer", "消费维权", "Consumer rights"},
	{"finance", "金融保险", "Finance & insurance"},
}

var areaByCode = func() map[string]Area {
	m := make(map[string]Area, len(Areas))
	for _, a := range Areas {
		m[a.Code] = a
	}
	return m
}()

// AreaByCode returns the practice area with the given code and whether it exists.
func AreaByCode(code string) (Area, bool) {
	a, ok := areaByCode[code]
	return a, ok
}

// IsArea reports whether code is a known practice area code.
func IsArea(code string) bool {
	_, ok := areaByCode[code]
	return ok
}
