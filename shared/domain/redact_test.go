package domain

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Fake identifiers with valid check digits (not anybody's).
const (
	testID     = "320102199001011232"
	testIDX    = "11010519491231002X"
	testCard16 = "6217000000000006"
	testCard19 = "6222021234567890128"
)

// TestRedact is the table of what must be hidden and what must stay.
func TestRedact(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		names          []string
	}{
		// Mobile numbers as people type them.
		{"mobile", "电话13800138000急", "电话[已隐藏]急", nil},
		{"mobile with spaces", "打138 1234 5678找我", "打[已隐藏]找我", nil},
		{"mobile with dashes", "手机：138-1234-5678。", "手机：[已隐藏]。", nil},
		{"mobile 4-4-3", "1381 2345 678", "[hidden]", nil},
		{"mobile +86", "联系+86 138 1234 5678", "联系[已隐藏]", nil},
		{"mobile 86-", "86-13812345678", "[hidden]", nil},
		{"mobile 0086", "0086 13812345678", "[hidden]", nil},
		{"mobile full-width", "电话：１３８００１３８０００", "电话：[已隐藏]", nil},
		{"two mobiles", "13800138000 13912345678", "[hidden] [hidden]", nil},
		{"mobile then year", "138 1234 5678 2024年", "[已隐藏] 2024年", nil},
		{"mobile in English", "call me at 138-0013-8000 please", "call me at [hidden] please", nil},
		// Landlines.
		{"landline dash", "律所电话025-83331234", "律所电话[已隐藏]", nil},
		{"landline brackets", "（025）8333 1234", "[hidden]", nil},
		{"landline ascii brackets", "(010) 6512-3456 ok", "[hidden] ok", nil},
		{"landline glued", "02583331234", "[hidden]", nil},
		// E-mail.
		{"email", "邮箱wang.xiaoming@example.com谢谢", "邮箱[已隐藏]谢谢", nil},
		{"email full-width at", "lilei＠example.com", "[hidden]", nil},
		// Resident ID numbers.
		{"id", "身份证号" + testID + "被泄露", "身份证号[已隐藏]被泄露", nil},
		{"id with X", "身份证：" + testIDX, "身份证：[已隐藏]", nil},
		{"id lower x", "身份证" + strings.ToLower(testIDX) + "。", "身份证[已隐藏]。", nil},
		{"id grouped", "320102 19900101 1232", "[hidden]", nil},
		// Bank cards.
		{"card 16", "卡号" + testCard16, "卡号[已隐藏]", nil},
		{"card 19 grouped", "银行卡 6222 0212 3456 7890 128 被盗刷", "银行卡 [已隐藏] 被盗刷", nil},
		// The asker's own name.
		{"name", "我叫王小明，被人骂了", "我叫[已隐藏]，被人骂了", []string{"王小明"}},
		{"given name", "小明的老板不给钱", "[已隐藏]的老板不给钱", []string{"王小明"}},
		{"name with title", "王先生您好，先生们请注意", "[已隐藏]您好，先生们请注意", []string{"王先生"}},
		{"latin name", "My name is Lei LI and Li Lei is me", "My name is [hidden] and [hidden] is me", []string{"Li Lei"}},
		{"latin part", "Wei said hi; Weibo is a site", "[hidden] said hi; Weibo is a site", []string{"Zhang Wei"}},
		{"one-character name", "王说李不对", "王说李不对", []string{"王"}},
		{"everything", "我叫王小明，电话138 1234 5678，身份证号" + testID + "，邮箱x@example.com",
			"我叫[已隐藏]，电话[已隐藏]，身份证号[已隐藏]，邮箱[已隐藏]", []string{"王小明"}},
		// What must stay.
		{"statute zh", "根据刑法第二百五十三条之一，侵犯公民个人信息罪", "根据刑法第二百五十三条之一，侵犯公民个人信息罪", nil},
		{"statute digits", "《民法典》第1032条和第31条", "《民法典》第1032条和第31条", nil},
		{"case number", "（2023）苏01民终1234号判决", "（2023）苏01民终1234号判决", nil},
		{"year and amount", "2024年借给他100000元，利息15000元", "2024年借给他100000元，利息15000元", nil},
		{"date", "2023-12-01 到 2024-01-15", "2023-12-01 到 2024-01-15", nil},
		{"long amount", "赔偿1380013800元", "赔偿1380013800元", nil},
		{"order number", "订单号2023138001380001", "订单号2023138001380001", nil},
		{"invalid id checksum", "编号320102199001011233", "编号320102199001011233", nil},
		{"twelve digits", "138001380001", "138001380001", nil},
		{"no name given", "王小明打人了", "王小明打人了", nil},
		{"english text", "My landlord kept the $2,000 deposit in 2024.", "My landlord kept the $2,000 deposit in 2024.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Redact(tc.in, tc.names...); got != tc.want {
				t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestContainsContact(t *testing.T) {
	for in, want := range map[string]bool{
		"请致电 138 0013 8000":      true,
		"写信到 lawyer@example.com": true,
		"身份证" + testID:           true,
		"根据民法典第1032条，您可以要求删除":    false,
		"（2023）苏01民终1234号":       false,
		"赔偿金额约为 50000 元":         false,
	} {
		if got := ContainsContact(in); got != want {
			t.Errorf("ContainsContact(%q) = %v, want %v", in, got, want)
		}
	}
}

// FuzzRedact: whatever the text, the redaction never panics, keeps valid
// text valid, is stable when applied again, and leaves no phone number, ID
// or card it would itself recognise.
func FuzzRedact(f *testing.F) {
	for _, s := range []string{
		"我叫王小明，电话138 1234 5678，身份证号" + testID,
		"银行卡6222 0212 3456 7890 128被盗刷",
		"根据刑法第二百五十三条之一，（2023）苏01民终1234号",
		"call 025-83331234 or mail x@example.com",
		"＋８６ １３８ ００１３ ８０００", "(010)", "+", "86-", "X", "1 2 3 4 5 6 7 8 9 0 1",
		"加微信 zhang_san88，电话一三八〇〇一三八〇〇〇", "QQ号：12345678 或 138.0013.8000", "vx: wxid_abc123 ①③⑧",
	} {
		f.Add(s, "王小明")
	}
	f.Fuzz(func(t *testing.T, text, name string) {
		out := Redact(text, name)
		if utf8.ValidString(text) && !utf8.ValidString(out) {
			t.Fatalf("Redact(%q) = %q: not valid UTF-8", text, out)
		}
		if ContainsContact(out) {
			t.Fatalf("Redact(%q) = %q still holds contact data", text, out)
		}
		if again := Redact(out, name); again != out {
			t.Fatalf("Redact is not stable: %q → %q → %q", text, out, again)
		}
	})
}

// Characters that show nothing (zero-width spaces and joiners, the word
// joiner, soft hyphens, combining marks) or show as a space (thin, en, em
// and narrow no-break spaces) must not hide a phone number, an e-mail
// address or the asker's name from the redaction, nor a lawyer's contact
// from the refusal: on the page "138\u200b0013\u200b8000" reads as a phone
// number.
func TestRedactSeesThroughInvisibleCharacters(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		names          []string
	}{
		{"zero-width space", "电话138\u200b0013\u200b8000急", "电话[已隐藏]急", nil},
		{"zero-width joiner", "电话1\u200d3\u200d8\u200d0013 8000", "电话[已隐藏]", nil},
		{"word joiner", "打138\u20600013\u20608000找我", "打[已隐藏]找我", nil},
		{"soft hyphen", "手机138\u00ad0013\u00ad8000", "手机[已隐藏]", nil},
		{"byte order mark", "手机13800\ufeff138000", "手机[已隐藏]", nil},
		{"combining mark", "call 1\u03033\u03038 0013 8000", "call [hidden]", nil},
		{"thin spaces", "电话138\u20090013\u20098000", "电话[已隐藏]", nil},
		{"en and em spaces", "电话138\u20020013\u20038000", "电话[已隐藏]", nil},
		{"narrow no-break space", "电话+86\u202f138\u202f0013\u202f8000", "电话[已隐藏]", nil},
		{"landline", "律所电话025\u200b-8333\u200b1234", "律所电话[已隐藏]", nil},
		{"email", "邮箱li\u200blei@example\u200b.com谢谢", "邮箱[已隐藏]谢谢", nil},
		{"id", "身份证320102\u200b199001011232", "身份证[已隐藏]", nil},
		{"name", "我叫王\u200b小明，被人骂了", "我叫[已隐藏]，被人骂了", []string{"王小明"}},
		// What must stay stays.
		{"statute", "《民法典》第1032\u200b条", "《民法典》第1032\u200b条", nil},
		{"amount", "赔偿1380\u2009013800元", "赔偿1380\u2009013800元", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Redact(tc.in, tc.names...); got != tc.want {
				t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if tc.names == nil {
				if got, want := ContainsContact(tc.in), tc.want != tc.in; got != want {
					t.Errorf("ContainsContact(%q) = %v, want %v", tc.in, got, want)
				}
			}
		})
	}
	// A lawyer's answer with such a number is refused as any other.
	in := TextInput{Body: "请直接打我的手机 139\u200b1234\u200b5678，我们详细沟通您的情况。"}
	if e := AsError(in.ValidateAnswer()); e == nil || e.FieldCodes["body"] != CodeContactData {
		t.Fatalf("ValidateAnswer(%q) = %v, want contact_data", in.Body, e)
	}
}

// Numbers spelled in Chinese numerals or circled digits, numbers grouped
// with dots, and messaging handles after their cue words are personal data
// too: people write them so to slip past filters. Words, amounts, years
// and statute numbers after such cues or in numerals stay.
func TestRedactSpelledNumbersAndHandles(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"numerals", "电话一三八〇〇一三八〇〇〇急", "电话[已隐藏]急"},
		{"numerals with 零 and 幺", "打幺三八零零幺三八零零零找我", "打[已隐藏]找我"},
		{"numerals mixed with digits", "手机138零零138零零零", "手机[已隐藏]"},
		{"numerals grouped", "电话 一三八 〇〇一三 八〇〇〇", "电话 [已隐藏]"},
		{"circled digits", "电话①③⑧⓪⓪①③⑧⓪⓪⓪", "电话[已隐藏]"},
		{"numeral beside a typed number", "第一13800138000", "第一[已隐藏]"},
		{"dots", "电话138.0013.8000", "电话[已隐藏]"},
		{"landline with dots", "律所0755.8333.1234", "律所[已隐藏]"},
		{"wechat id", "加我微信 zhang_san88 详聊", "加我微信 [已隐藏] 详聊"},
		{"wechat id of letters", "微信：zhangsanfeng", "微信：[已隐藏]"},
		{"wechat homophone", "薇信号是lawyer2024", "薇信号是[已隐藏]"},
		{"vx", "vx13800138000", "vx[hidden]"},
		{"vx letters", "有事加vx zhangsanfeng", "有事加vx [已隐藏]"},
		{"wxid anywhere", "我的是wxid_abc123def", "我的是[已隐藏]"},
		{"qq", "QQ号：12345678", "QQ号：[已隐藏]"},
		{"qq glued", "扣扣123456789谢谢", "扣扣[已隐藏]谢谢"},
		{"english", "my WeChat is zhangsan1990, add me", "my WeChat is [hidden], add me"},
		{"english id of letters after a colon", "WeChat: zhangsanfeng", "WeChat: [hidden]"},
		// What must stay.
		{"statute in numerals", "根据刑法第二百五十三条之一", "根据刑法第二百五十三条之一"},
		{"year in numerals", "二〇二三年三月一日签的合同", "二〇二三年三月一日签的合同"},
		{"amount in numerals", "借了三十万，还了一万二", "借了三十万，还了一万二"},
		{"list markers", "①借款合同②欠条③转账记录", "①借款合同②欠条③转账记录"},
		{"decimal", "利率3.85%，本金100000元", "利率3.85%，本金100000元"},
		{"date with dots", "2023.12.01签的", "2023.12.01签的"},
		{"wechat as a word", "微信聊天记录能作为证据吗", "微信聊天记录能作为证据吗"},
		{"wechat transfer", "通过微信转账20000元", "通过微信转账20000元"},
		{"wechat amount", "微信 20000元 转给他了", "微信 20000元 转给他了"},
		{"wechat id too short", "微信ID是abc", "微信ID是abc"},
		{"english word after wechat", "my WeChat account was banned", "my WeChat account was banned"},
		{"english sentence after wechat is", "my WeChat is frozen, can I sue", "my WeChat is frozen, can I sue"},
		{"english id after wechat id", "WeChat ID zhang_san", "WeChat ID [hidden]"},
		{"qq as a word", "QQ号被盗了5次", "QQ号被盗了5次"},
		{"qq year", "QQ 2012年注册的", "QQ 2012年注册的"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Redact(tc.in); got != tc.want {
				t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got, want := ContainsContact(tc.in), tc.want != tc.in; got != want {
				t.Errorf("ContainsContact(%q) = %v, want %v", tc.in, got, want)
			}
			if again := Redact(tc.want); again != tc.want {
				t.Errorf("Redact of the redacted %q = %q: not stable", tc.want, again)
			}
		})
	}
}
