package localserver

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/auth"
	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/store"
)

// demoFirms and demoLawyers are fake: phones 1380013xxxx, e-mails at
// example.com.
var demoFirms = []domain.FirmInput{
	{Name: "明德律师事务所", Phone: "025-83331234", Website: "https://mingde.example.com", City: "南京", Slogan: "专业 · 守信 · 为您"},
	{Name: "Harbour & Bell LLP", Phone: "+862161234567", Website: "https://harbourbell.example.com", City: "上海", Slogan: "Clear advice, fast."},
}

type demoLawyer struct {
	firm  int
	input domain.LawyerInput
}

var demoLawyers = []demoLawyer{
	{0, domain.LawyerInput{Name: "王晓明", Areas: []string{"family", "debt"}, City: "南京", Bio: "十五年婚姻家庭与继承案件经验。"}},
	{0, domain.LawyerInput{Name: "李静", Areas: []string{"labor"}, City: "南京", Bio: "专注劳动争议、工伤与社保。"}},
	{0, domain.LawyerInput{Name: "张伟", Areas: []string{"criminal"}, City: "南京", Bio: "刑事辩护，取保候审与量刑。"}},
	{0, domain.LawyerInput{Name: "陈芳", Areas: []string{"traffic", "medical"}, City: "南京", Bio: "交通事故与医疗损害赔偿。"}},
	{0, domain.LawyerInput{Name: "刘洋", Areas: []string{"contract", "real_estate"}, City: "杭州", Bio: "合同、租赁与房产纠纷。"}},
	{0, domain.LawyerInput{Name: "赵磊", Areas: []string{"privacy", "consumer"}, City: "杭州", Bio: "个人信息保护与消费维权。"}},
	{1, domain.LawyerInput{Name: "孙悦", Areas: []string{"corporate", "finance"}, City: "上海", Languages: []string{"zh", "en"}, Bio: "Corporate, securities and insurance."}},
	{1, domain.LawyerInput{Name: "周婷", Areas: []string{"ip"}, City: "上海", Languages: []string{"zh", "en"}, Bio: "商标、著作权与专利。"}},
	{1, domain.LawyerInput{Name: "吴刚", Areas: []string{"administrative", "real_estate"}, City: "北京", Bio: "行政诉讼、行政复议与征收拆迁。"}},
	{1, domain.LawyerInput{Name: "郑凯", Areas: []string{"family", "labor"}, City: "上海", Bio: "离婚财产分割与劳动仲裁。"}},
	{1, domain.LawyerInput{Name: "Emily Chen", Areas: []string{"family", "contract"}, City: "New York", Languages: []string{"en", "zh"}, TimeZone: "America/New_York", Bio: "Cross-border family and contract matters."}},
	{0, domain.LawyerInput{Name: "何敏", Areas: []string{"debt", "contract"}, City: "南京", Bio: "民间借贷、欠款追讨与担保。"}},
}

var demoQuestions = []domain.QuestionInput{
	{Title: "男朋友分手了要我退彩礼，必须全退吗", City: "南京", Body: "订婚时他家给了八万八彩礼，没有领结婚证，也没有一起住。现在他提出分手，要我全部退还。"},
	{Title: "公司拖欠工资三个月了怎么办", City: "南京", Body: "老板一直说资金紧张，下个月一定发，已经拖了三个月。我手里有劳动合同和考勤记录。"},
	{Title: "快递把我手机号泄露了天天接骚扰电话", City: "杭州", Body: "寄了一次快递之后，每天都有推销电话，能叫出我的名字和地址。"},
	{Title: "My landlord won't return my deposit", City: "上海", Body: "I moved out two months ago and left the flat clean. The landlord keeps saying he will check the flat again."},
}

// demoAnswers are the lawyers' written answers to demoQuestions (by
// index), so that the public question pages show what they are for.
var demoAnswers = []struct {
	question, lawyer int
	body             string
}{
	{0, 0, "没有登记结婚、也没有共同生活的，依照《民法典》婚姻家庭编的司法解释，彩礼原则上应当返还；是否全额返还，法院会看彩礼的数额、订婚后相处的时间、有无共同生活以及过错等因素酌情确定。建议先保存转账记录和聊天记录，与对方协商返还的比例。"},
	{1, 1, "拖欠工资可以先向用人单位发出书面催告，仍不支付的，带上劳动合同、考勤记录和工资条，向公司所在地的劳动保障监察大队投诉，或者申请劳动仲裁，仲裁不收费。因拖欠工资解除劳动合同的，还可以主张经济补偿。"},
	{2, 5, "快递单上的姓名、电话和地址属于个人信息。可以要求快递公司说明信息的处理情况，并向邮政管理部门投诉；能查到泄露源头的，可以依据《个人信息保护法》要求删除信息、赔礼道歉和赔偿损失。平时寄件可以使用隐私面单。"},
}

// SeedDemo fills an empty store with two firms, a dozen lawyers across
// areas and cities with open slots for the next two weeks, and a few public
// questions, three of them answered. A store with any lawyer is left alone.
func SeedDemo(ctx context.Context, svc *app.Service, st *store.Store, log *slog.Logger) error {
	page, err := st.FindLawyers(ctx, domain.LawyerFilter{Limit: 1})
	if err != nil || len(page.Items) > 0 {
		return err
	}
	admin := auth.Identity{Subject: "local-seed", Groups: []string{auth.GroupAdmins}}
	var firms []domain.Firm
	for _, in := range demoFirms {
		f, err := svc.CreateFirm(ctx, admin, in)
		if err != nil {
			return err
		}
		firms = append(firms, f)
	}
	now := svc.Now()
	var lawyers []domain.Lawyer
	for i, d := range demoLawyers {
		in := d.input
		in.FirmID = firms[d.firm].ID
		in.Phone = fmt.Sprintf("138001380%02d", i+10)
		in.Email = fmt.Sprintf("lawyer%02d@example.com", i+1)
		in.LicenseNo = fmt.Sprintf("132012018100%05d", i+1)
		l, err := svc.CreateLawyer(ctx, admin, in)
		if err != nil {
			return err
		}
		lawyers = append(lawyers, l.Lawyer)
		staff := auth.Identity{Subject: "local-seed", Groups: []string{auth.GroupStaff}, FirmID: l.FirmID}
		if _, err := svc.PublishSlots(ctx, staff, l.ID, domain.SlotsInput{Slots: demoSlots(now, l.TimeZone)}); err != nil {
			return err
		}
	}
	yes := true
	var questions []string
	for i, q := range demoQuestions {
		q.Name, q.Phone, q.Consent, q.Public = "演示访客", fmt.Sprintf("139001390%02d", i), &yes, &yes
		sub, err := svc.SubmitQuestion(ctx, q, "192.0.2.1")
		if err != nil {
			return err
		}
		questions = append(questions, sub.ID)
	}
	for _, a := range demoAnswers {
		l := lawyers[a.lawyer]
		who := auth.Identity{Subject: "local-seed", Groups: []string{auth.GroupLawyers}, LawyerID: l.ID, FirmID: l.FirmID}
		if _, err := svc.PostAnswer(ctx, who, questions[a.question], domain.TextInput{Body: a.body}); err != nil {
			return err
		}
	}
	log.Info("seeded demo data", "firms", len(firms), "lawyers", len(demoLawyers), "questions", len(demoQuestions), "answers", len(demoAnswers))
	return nil
}

// demoSlots returns 30-minute slots at 9:00, 10:30, 14:00 and 16:00 in the
// lawyer's zone on the weekdays of the next two weeks (at most 40).
func demoSlots(now time.Time, tz string) []domain.SlotInput {
	loc, err := domain.LoadLocation(tz)
	if err != nil {
		loc = time.UTC
	}
	var out []domain.SlotInput
	day := now.In(loc)
	for d := 1; d <= 14 && len(out) < domain.MaxSlotsPerCall-4; d++ {
		date := day.AddDate(0, 0, d)
		if wd := date.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		for _, hm := range [][2]int{{9, 0}, {10, 30}, {14, 0}, {16, 0}} {
			start := time.Date(date.Year(), date.Month(), date.Day(), hm[0], hm[1], 0, 0, loc)
			out = append(out, domain.SlotInput{Start: start.Format(time.RFC3339), Minutes: 30})
		}
	}
	return out
}
