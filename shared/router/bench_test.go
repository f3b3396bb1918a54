package router

import "testing"

var benchTexts = []string{
	"老公出轨了想离婚孩子归谁",
	"公司拖欠工资三个月了咋办",
	"被人骗了2万块能报警吗",
	"开车撞了人对方要我赔十万",
	"快递把我手机号泄露了天天接骚扰电话",
	"房东不退押金怎么办",
	"my landlord won't return my deposit",
	"got fired without notice, can I get compensation",
}

// BenchmarkClassify measures one classification of a typical short visitor
// question (ns/op; classifications per second = 1e9 / ns/op).
func BenchmarkClassify(b *testing.B) {
	r := New()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := r.Classify(benchTexts[i%len(benchTexts)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkNew measures loading the embedded lexicon and model (cold start).
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		New()
	}
}

// BenchmarkClassifyLongPost measures one classification of a long English
// post of several paragraphs (the tuning posts of testdata/english-long.txt).
func BenchmarkClassifyLongPost(b *testing.B) {
	r := New()
	posts := loadPostsFile(b, "english-long.txt")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := r.Classify(posts[i%len(posts)].Text); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
