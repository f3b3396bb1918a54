package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Notification kinds, one per booking event (the outbox item's kind).
const (
	NoticeCreated   = "booking_created"
	NoticeConfirmed = "booking_confirmed"
	NoticeDeclined  = "booking_declined"
	NoticeExpired   = "booking_expired"
	NoticeCancelled = "booking_cancelled"
	NoticeCompleted = "booking_completed"
	// NoticeSubmitted brings the visitor the private link of the question
	// they just submitted.
	NoticeSubmitted = "question_submitted"
)

// LinkSendsPerDay is how many private links one phone number or e-mail
// address receives a day: anyone may name any phone in a question, so
// the messages are capped per recipient (the question itself is always
// taken).
const LinkSendsPerDay = 3

// Delivery names where a message goes, masked, for the sender's own
// view: {channel:"sms", to:"138****8000"}.
type Delivery struct {
	Channel string `json:"channel"`
	To      string `json:"to"`
}

// LinkDeliveries are where LinkMessages send the private link for
// contact c, masked, in the order they are sent.
func LinkDeliveries(c Contact) []Delivery {
	out := []Delivery{}
	if c.Email != "" {
		out = append(out, Delivery{Channel: "email", To: MaskEmail(c.Email)})
	}
	if c.Phone != "" {
		out = append(out, Delivery{Channel: "sms", To: MaskPhone(c.Phone)})
	}
	return out
}

// LinkMessages compose the submission confirmation of question
// questionID: the private link to the visitor's phone and e-mail. The
// text names neither the question nor the visitor: whoever holds the
// phone learns only that a question was asked.
func LinkMessages(questionID, link string, visitor Contact) []Message {
	zh := "您在 LawDesk 的提问已收到。用专属链接随时回来查看回复、预约律师：" + link + " 拿到链接的人能看到您的问题，请勿转发。"
	en := "Your question on LawDesk was received. Come back any time to see replies and book a lawyer: " + link +
		" Anyone with the link can read your question: do not forward it."
	return messagesTo(NoticeSubmitted, questionID, RoleVisitor, visitor, "LawDesk · 您的问题已提交 Your question was received", zh, en)
}

// NoticeFor is the notification a transition to state sends.
func NoticeFor(state BookingStatus) string {
	switch state {
	case BookingPending:
		return NoticeCreated
	case BookingConfirmed:
		return NoticeConfirmed
	case BookingDeclined:
		return NoticeDeclined
	case BookingExpired:
		return NoticeExpired
	case BookingCancelled:
		return NoticeCancelled
	case BookingCompleted:
		return NoticeCompleted
	case BookingNoShow:
		return NoticeNoShow
	}
	return ""
}

// Message is one e-mail or text message to send.
type Message struct {
	// Kind and BookingID (or QuestionID) say what it is about (for logs).
	Kind       string
	BookingID  string
	QuestionID string
	// To is who receives it: the lawyer or the visitor (for logs: never the
	// address).
	To      Role
	Channel string // "email" or "sms"
	Address string
	Subject string
	Text    string
	// ICS is a calendar invitation to attach (confirmed bookings' e-mails).
	ICS []byte
}

// MessageKey names a message among those of one notification (who, by
// which channel): what a retry remembers as delivered.
func (m Message) MessageKey() string { return string(m.To) + "/" + m.Channel }

// SendFailure is what is recorded of message m's failed send err (the
// outbox item's last error, for the operator): which message — recipient
// and channel — and the provider's words, with the address they may echo
// masked (SES names an unverified recipient, SNS an invalid number) and
// any other contact data in them redacted. The outbox item names no
// address: it is kept 30 days, and an erasure does not reach it.
func (m Message) SendFailure(err error) string {
	text := err.Error()
	if m.Address != "" {
		masked := MaskPhone(m.Address)
		if strings.Contains(m.Address, "@") {
			masked = MaskEmail(m.Address)
		}
		// Providers may change an address's case.
		for needle := asciiLower(m.Address); ; {
			i := strings.Index(asciiLower(text), needle)
			if i < 0 {
				break
			}
			text = text[:i] + masked + text[i+len(needle):]
		}
	}
	return m.MessageKey() + ": " + Redact(text)
}

// ICSMethod is the iCalendar METHOD of the .ics m carries ("" for none):
// CANCEL for a cancellation, else PUBLISH.
func (m Message) ICSMethod() string {
	switch {
	case len(m.ICS) == 0:
		return ""
	case strings.Contains(string(m.ICS), "\r\nMETHOD:CANCEL\r\n"):
		return "CANCEL"
	}
	return "PUBLISH"
}

// Booking notices beside the transitions': a reminder before a confirmed
// consultation, a reschedule told to the other side, a no-show.
const (
	NoticeReminder    = "reminder"
	NoticeRescheduled = "rescheduled"
	NoticeNoShow      = "booking_no_show"
)

// Recipients of each notification: the lawyer learns of new requests and
// of the visitor's cancellations; the visitor of everything the lawyer or
// time decided; both are reminded; a reschedule is told to the side that
// did not make it.
func recipients(n Notice, b Booking) []Role {
	switch n.Kind {
	case NoticeCreated:
		return []Role{RoleLawyer}
	case NoticeCancelled:
		if b.CancelledBy == RoleVisitor {
			return []Role{RoleLawyer}
		}
		return []Role{RoleVisitor}
	case NoticeReminder:
		return []Role{RoleVisitor, RoleLawyer}
	case NoticeRescheduled:
		if n.By == RoleVisitor {
			return []Role{RoleLawyer}
		}
		return []Role{RoleVisitor}
	}
	return []Role{RoleVisitor}
}

// Notice is what a booking's notification is about beyond its kind: who
// rescheduled, a reminder's offset, and the links each side may act on
// (the visitor's private link, the lawyer's workspace; "" when none can
// be made).
type Notice struct {
	Kind        string
	By          Role
	Offset      time.Duration
	VisitorLink string
	LawyerLink  string
}

// Messages composes the notification kind about booking b (see
// MessagesFor).
func Messages(kind string, b Booking, lawyer Lawyer, lawyerContact, visitor Contact, firm FirmContact, now time.Time) []Message {
	return MessagesFor(Notice{Kind: kind}, b, lawyer, lawyerContact, visitor, firm, now)
}

// MessagesFor composes notification n about booking b: an e-mail to each
// recipient who has an address and a text message to each who has a
// phone. The texts name the lawyer and the firm and the time in the
// recipient's zone (the visitor's when the booking named one, else the
// lawyer's); they never repeat the question nor the visitor's name (the
// lawyer reads it masked). A confirmation, a reschedule and a
// cancellation e-mail carry the .ics: same UID, the booking's SEQUENCE,
// METHOD:CANCEL for a cancellation.
func MessagesFor(n Notice, b Booking, lawyer Lawyer, lawyerContact, visitor Contact, firm FirmContact, now time.Time) []Message {
	if subjectOf(n.Kind) == "" {
		return nil
	}
	var out []Message
	for _, to := range recipients(n, b) {
		c := visitor
		if to == RoleLawyer {
			c = lawyerContact
		}
		zh, en := noticeText(n, b, to, lawyer, visitor, firm)
		if c.Email != "" {
			m := Message{Kind: n.Kind, BookingID: b.ID, QuestionID: b.QuestionID, To: to, Channel: "email", Address: c.Email,
				Subject: "LawDesk · " + subjectOf(n.Kind), Text: zh + "\n" + en}
			switch n.Kind {
			case NoticeConfirmed, NoticeRescheduled, NoticeCancelled:
				m.ICS = ICS(b, lawyer, firm, now)
			}
			out = append(out, m)
		}
		if c.Phone != "" {
			out = append(out, Message{Kind: n.Kind, BookingID: b.ID, QuestionID: b.QuestionID, To: to, Channel: "sms", Address: c.Phone, Text: zh})
		}
	}
	return out
}

// whenFor is b's start as recipient to reads it: in their zone, named.
func whenFor(t time.Time, b Booking, to Role) string {
	tz := b.TimeZone
	if to == RoleVisitor && b.VisitorTimeZone != "" {
		tz = b.VisitorTimeZone
	}
	loc, err := LoadLocation(tz)
	if err != nil || tz == "" {
		loc, tz = time.UTC, "UTC"
	}
	return t.In(loc).Format("2006-01-02 15:04") + " (" + tz + ")"
}

// noticeText is the Chinese and English text of n about b to recipient to.
func noticeText(n Notice, b Booking, to Role, lawyer Lawyer, visitor Contact, firm FirmContact) (zh, en string) {
	when := whenFor(b.Start, b, to)
	link := func(zhLabel, enLabel string) (string, string) {
		l := n.VisitorLink
		if to == RoleLawyer {
			l = n.LawyerLink
		}
		if l == "" {
			return "", ""
		}
		return zhLabel + l, " " + enLabel + l
	}
	switch n.Kind {
	case NoticeCreated:
		zh = fmt.Sprintf("您有一个新的咨询预约：%s，%s。", when, modeZH(b.Mode))
		en = fmt.Sprintf("New consultation request: %s, %s.", when, b.Mode)
		// The booking is read when the message is sent: answered by then
		// (accepted at once, say), it has no deadline left to name.
		if b.Status == BookingPending && b.RespondBy != nil {
			zh += fmt.Sprintf("请在 %s 前接受或拒绝。", respondBy(b))
			en += fmt.Sprintf(" Please accept or decline by %s.", respondBy(b))
		}
	case NoticeConfirmed:
		zh = fmt.Sprintf("%s 律师已确认您的咨询：%s，%s。%s %s", lawyer.Name, when, modeZH(b.Mode), firm.Name, firm.Phone)
		en = fmt.Sprintf("%s confirmed your consultation: %s, %s. %s %s", lawyer.Name, when, b.Mode, firm.Name, firm.Phone)
	case NoticeDeclined:
		zh = fmt.Sprintf("很抱歉，%s 律师无法在 %s 为您咨询。您可以预约其他律师。", lawyer.Name, when)
		en = fmt.Sprintf("Sorry, %s cannot take the consultation at %s. You can book another lawyer.", lawyer.Name, when)
	case NoticeExpired:
		zh = fmt.Sprintf("%s 律师未能及时回复 %s 的预约，预约已失效。您可以预约其他律师。", lawyer.Name, when)
		en = fmt.Sprintf("%s did not answer in time; the request for %s has expired. You can book another lawyer.", lawyer.Name, when)
	case NoticeCancelled:
		zh = fmt.Sprintf("%s 的咨询预约已取消。", when)
		en = fmt.Sprintf("The consultation of %s was cancelled.", when)
	case NoticeCompleted:
		zh = fmt.Sprintf("感谢您咨询 %s 律师（%s）。", lawyer.Name, firm.Name)
		en = fmt.Sprintf("Thank you for consulting %s (%s).", lawyer.Name, firm.Name)
	case NoticeNoShow:
		zh = fmt.Sprintf("%s 律师记录您未参加 %s 的咨询。如需重新预约，请打开您的专属链接。", lawyer.Name, when)
		en = fmt.Sprintf("%s recorded that you missed the consultation of %s. Open your private link to book again.", lawyer.Name, when)
	case NoticeReminder:
		how, howEN := modeZH(b.Mode), b.Mode
		if b.Mode == ModeInPerson {
			how, howEN = "面谈（"+firm.Name+"）", "in person ("+firm.Name+")"
		}
		lz, le := link("改期或取消：", "Reschedule or cancel: ")
		if to == RoleLawyer {
			who := MaskName(visitor.Name)
			if who == "" {
				who = "访客"
			}
			zh = fmt.Sprintf("提醒：您与 %s 的%s将于 %s 开始（%s 后）。%s", who, how, when, remindIn(n.Offset, true), lz)
			en = fmt.Sprintf("Reminder: your consultation (%s) with %s starts at %s (in %s).%s", howEN, who, when, remindIn(n.Offset, false), le)
		} else {
			zh = fmt.Sprintf("提醒：您与 %s 律师（%s %s）的%s将于 %s 开始（%s 后）。%s", lawyer.Name, firm.Name, firm.Phone, how, when, remindIn(n.Offset, true), lz)
			en = fmt.Sprintf("Reminder: your consultation (%s) with %s (%s %s) starts at %s (in %s).%s", howEN, lawyer.Name, firm.Name, firm.Phone, when, remindIn(n.Offset, false), le)
		}
	case NoticeRescheduled:
		from := "-"
		if b.PreviousStart != nil {
			from = whenFor(*b.PreviousStart, b, to)
		}
		if to == RoleLawyer {
			lz, le := link("请确认新时间：", "Please confirm the new time: ")
			zh = fmt.Sprintf("访客把 %s 的咨询改到了 %s（%s）。%s", from, when, modeZH(b.Mode), lz)
			en = fmt.Sprintf("The visitor moved the consultation of %s to %s (%s).%s", from, when, b.Mode, le)
		} else {
			lz, le := link("查看：", "See it: ")
			zh = fmt.Sprintf("%s 律师把您的咨询从 %s 改到了 %s（%s）。%s", lawyer.Name, from, when, modeZH(b.Mode), lz)
			en = fmt.Sprintf("%s moved your consultation from %s to %s (%s).%s", lawyer.Name, from, when, b.Mode, le)
		}
	}
	return zh, en
}

// remindIn says how long before the start a reminder is: "24 小时",
// "1 hour".
func remindIn(d time.Duration, zh bool) string {
	if zh {
		if d%time.Hour == 0 {
			return fmt.Sprintf("%d 小时", int(d/time.Hour))
		}
		return fmt.Sprintf("%d 分钟", int(d/time.Minute))
	}
	return humanDuration(d)
}

// OfferMessages composes the notification kind about a firm's offer on
// question questionID: the visitor hears of the offer (never of the
// question's words; the private link they kept opens it), the offering
// lawyer of the visitor's answer.
func OfferMessages(kind, questionID string, lawyer Lawyer, lawyerContact, visitor Contact, firm FirmContact) []Message {
	var zh, en string
	to, c := RoleLawyer, lawyerContact
	switch kind {
	case NoticeOffer:
		to, c = RoleVisitor, visitor
		zh = fmt.Sprintf("%s的%s律师愿意跟进您在 LawDesk 提出的问题。请打开提问时保存的专属链接，接受或谢绝；您接受之前，律所看不到您的联系方式。", firm.Name, lawyer.Name)
		en = fmt.Sprintf("%s of %s offers to follow up the question you asked on LawDesk. Open the private link you saved when you asked to accept or decline; until you accept, the firm does not see your contact details.", lawyer.Name, firm.Name)
	case NoticeOfferAccepted:
		zh = "访客接受了贵所的跟进邀请，联系方式已在线索台向贵所开放。"
		en = "The visitor accepted your firm's offer; their contact details are now on your firm's lead desk."
	case NoticeOfferDeclined:
		zh = "访客谢绝了贵所的跟进邀请。"
		en = "The visitor declined your firm's offer."
	default:
		return nil
	}
	subject := "LawDesk · " + map[string]string{
		NoticeOffer: "律师愿意跟进您的问题 A lawyer offers to follow up", NoticeOfferAccepted: "跟进邀请已被接受 Offer accepted",
		NoticeOfferDeclined: "跟进邀请被谢绝 Offer declined",
	}[kind]
	return messagesTo(kind, questionID, to, c, subject, zh, en)
}

// messagesTo composes one notification about question questionID to
// contact c: an e-mail in both languages when c has an address, a text
// message in Chinese when c has a phone.
func messagesTo(kind, questionID string, to Role, c Contact, subject, zh, en string) []Message {
	var out []Message
	if c.Email != "" {
		out = append(out, Message{Kind: kind, QuestionID: questionID, To: to, Channel: "email", Address: c.Email, Subject: subject, Text: zh + "\n" + en})
	}
	if c.Phone != "" {
		out = append(out, Message{Kind: kind, QuestionID: questionID, To: to, Channel: "sms", Address: c.Phone, Text: zh})
	}
	return out
}

// AnswerMessages tell the asker of public question questionID that lawyers
// answered or followed up, with the private link; like the submission's
// confirmation they name neither the question nor the asker.
func AnswerMessages(questionID, link string, visitor Contact) []Message {
	zh := "律师回复了您在 LawDesk 的提问。用专属链接查看回答、追问或预约律师：" + link
	en := "A lawyer replied to the question you asked on LawDesk. Read the answer, follow up or book the lawyer: " + link
	return messagesTo(NoticeAnswerPosted, questionID, RoleVisitor, visitor, "LawDesk · 您的问题有新回复 New reply to your question", zh, en)
}

// FollowUpMessages tell a lawyer that the asker followed up under their
// answer to question questionID; inbox is where they read it.
func FollowUpMessages(questionID, inbox string, lawyer Contact) []Message {
	zh := "提问者在您的解答下追问了。请到问答工作台查看并回复：" + inbox
	en := "The asker followed up under your answer. Read it and reply in your Q&A workspace: " + inbox
	return messagesTo(NoticeFollowUp, questionID, RoleLawyer, lawyer, "LawDesk · 您的解答有新追问 A follow-up to your answer", zh, en)
}

func respondBy(b Booking) string {
	if b.RespondBy == nil {
		return "-"
	}
	loc, err := LoadLocation(b.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	return b.RespondBy.In(loc).Format("01-02 15:04")
}

func modeZH(mode string) string {
	switch mode {
	case ModePhone:
		return "电话咨询"
	case ModeVideo:
		return "视频咨询"
	case ModeInPerson:
		return "面谈"
	}
	return mode
}

func subjectOf(kind string) string {
	return map[string]string{
		NoticeCreated: "新的咨询预约 New booking request", NoticeConfirmed: "预约已确认 Booking confirmed",
		NoticeDeclined: "预约未被接受 Booking declined", NoticeExpired: "预约已失效 Booking expired",
		NoticeCancelled: "预约已取消 Booking cancelled", NoticeCompleted: "咨询已完成 Consultation completed",
		NoticeReminder: "咨询提醒 Consultation reminder", NoticeRescheduled: "咨询时间已更改 Consultation moved",
		NoticeNoShow: "未参加咨询 Missed consultation",
	}[kind]
}

// ICS returns the booking as an iCalendar invitation (RFC 5545), times in
// UTC. It names the lawyer, the firm and how to meet; nothing of the
// visitor or the question. UID is the booking's, so every version of the
// event is the same event; SEQUENCE is the booking's Sequence (one more
// for a cancellation), so a calendar moves the event when the booking is
// rescheduled and removes it (METHOD:CANCEL, STATUS:CANCELLED) when it is
// cancelled, rather than adding one. It stays hand-written (see the
// commit that added SEQUENCE): a dozen content lines need no library.
func ICS(b Booking, lawyer Lawyer, firm FirmContact, now time.Time) []byte {
	const stamp = "20060102T150405Z"
	desc := fmt.Sprintf("法律咨询 / Legal consultation (%s). %s %s %s", b.Mode, firm.Name, firm.Phone, firm.Website)
	method, status, seq := "PUBLISH", "TENTATIVE", b.Sequence
	switch b.Status {
	case BookingConfirmed, BookingCompleted, BookingNoShow:
		status = "CONFIRMED"
	case BookingCancelled, BookingDeclined, BookingExpired:
		method, status, seq = "CANCEL", "CANCELLED", b.Sequence+1
	}
	lines := []string{
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"PRODID:-//LawDesk//Consultation booking//EN",
		"CALSCALE:GREGORIAN",
		"METHOD:" + method,
		"BEGIN:VEVENT",
		"UID:" + b.ID + "@lawdesk",
		"SEQUENCE:" + strconv.Itoa(seq),
		"DTSTAMP:" + now.UTC().Format(stamp),
		"DTSTART:" + b.Start.UTC().Format(stamp),
		"DTEND:" + b.End().UTC().Format(stamp),
		"SUMMARY:" + icsText("法律咨询 · "+lawyer.Name+" · "+firm.Name),
		"DESCRIPTION:" + icsText(desc),
		"STATUS:" + status,
		"END:VEVENT",
		"END:VCALENDAR",
	}
	var out strings.Builder
	for _, l := range lines {
		out.WriteString(foldICS(l))
		out.WriteString("\r\n")
	}
	return []byte(out.String())
}

// icsText escapes a TEXT value.
func icsText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`, "\r", "").Replace(s)
}

// foldICS folds a content line at 75 octets without splitting a UTF-8
// character.
func foldICS(l string) string {
	if len(l) <= 75 {
		return l
	}
	var b strings.Builder
	width := 0
	for _, r := range l {
		n := len(string(r))
		if width+n > 75 {
			b.WriteString("\r\n ")
			width = 1
		}
		b.WriteRune(r)
		width += n
	}
	return b.String()
}
