package bench

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/lawdesk/lawdesk/shared/auth"
	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/pages"
	"github.com/lawdesk/lawdesk/shared/router"
)

// QAFigures is what the public Q&A costs at one number of public
// questions: a related-questions lookup, and the public page of a
// question with answers.
type QAFigures struct {
	Questions int
	// Related is one GET /questions/{id}/related, averaged.
	Related          Usage
	RelatedP50       float64 // milliseconds
	RelatedFound     float64 // related questions found per lookup
	RelatedPostings  float64 // term postings read per lookup
	Page             Usage   // one GET /q/{id}: the reads of FindPublicThread
	PageP50          float64 // milliseconds, reads and render
	PageBytes        int     // the rendered page of a question with two answers
	RenderMicros     float64 // rendering alone, per page, in memory
	SeedQuestionsSec float64
}

// SeedPublicQuestions submits n public questions through the service, the
// texts of the router's labelled questions over and over (each with a
// number, so no two are the same), workers at a time.
func (e *Env) SeedPublicQuestions(ctx context.Context, root string, n, workers int) ([]string, error) {
	var texts []router.Sample
	for _, name := range []string{"colloquial.tsv", "colloquial-2.tsv", "colloquial-holdout.tsv", "lecoqa-areas.tsv"} {
		s, err := loadTSV(root, name)
		if err != nil {
			return nil, err
		}
		texts = append(texts, s...)
	}
	ids := make([]string, n)
	var mu sync.Mutex
	var firstErr error
	jobs := make(chan int)
	var wg sync.WaitGroup
	yes := true
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				s := texts[i%len(texts)]
				title := s.Text
				if len([]rune(title)) > domain.TitleMaxRunes-12 {
					title = string([]rune(title)[:domain.TitleMaxRunes-12])
				}
				for len([]rune(title)) < domain.TitleMinRunes {
					title += "怎么办"
				}
				sub, err := e.Service.SubmitQuestion(ctx, domain.QuestionInput{
					Title: fmt.Sprintf("%s（%d）", title, i), Body: s.Text, Area: s.Area, City: cities[i%len(cities)],
					Name: "访客", Phone: fmt.Sprintf("138%08d", i), Consent: &yes, Public: &yes,
				}, "192.0.2.1")
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				ids[i] = sub.ID
				mu.Unlock()
			}
		}()
	}
	for i := 0; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	e.Counter.Reset()
	return ids, firstErr
}

// MeasureQA seeds n public questions, then looks up the related questions
// of samples of them and renders the public page of one with two answers,
// counting the DynamoDB calls and capacity of each.
func (e *Env) MeasureQA(ctx context.Context, root string, n, samples int) (QAFigures, error) {
	fig := QAFigures{Questions: n}
	start := time.Now()
	ids, err := e.SeedPublicQuestions(ctx, root, n, 8)
	if err != nil {
		return fig, err
	}
	fig.SeedQuestionsSec = time.Since(start).Seconds()
	var sum Usage
	var lat []float64
	found, postings := 0, 0
	for i := 0; i < samples; i++ {
		id := ids[(i*7919)%len(ids)]
		got, err := e.Store.Read(ctx, domain.Keys{QuestionCards: []string{id}, At: time.Now()})
		if err != nil {
			return fig, err
		}
		postings += min(len(got.Questions[id].Terms), domain.MaxTerms) // each a query of up to PostingsPerTerm
		e.Counter.Reset()
		t0 := time.Now()
		rel, err := e.Service.FindRelated(ctx, id, domain.RelatedMax)
		if err != nil {
			return fig, err
		}
		lat = append(lat, float64(time.Since(t0).Microseconds())/1000)
		u := e.Counter.Reset()
		sum = add(sum, u)
		sum.Depth = max(sum.Depth, u.Depth)
		found += len(rel)
	}
	fig.Related = div(sum, samples)
	fig.Related.Depth = sum.Depth
	fig.RelatedP50 = percentile(lat, 50)
	fig.RelatedFound = float64(found) / float64(samples)
	fig.RelatedPostings = float64(postings) / float64(samples)

	// The page of a question with two lawyers' answers and a follow-up.
	l1, err := e.lawyerFor(ctx, 1)
	if err != nil {
		return fig, err
	}
	l2, err := e.lawyerFor(ctx, 2)
	if err != nil {
		return fig, err
	}
	page := ids[0]
	for _, l := range []domain.Lawyer{l1, l2} {
		who := auth.Identity{Subject: "bench", Groups: []string{auth.GroupLawyers}, LawyerID: l.ID, FirmID: l.FirmID}
		body := "这种情况可以先和对方协商，协商不成的，可以向人民法院起诉；注意保存聊天记录、转账记录等证据，必要时申请财产保全。起诉前可以先向律师详细咨询，评估胜诉的可能和费用。"
		if _, err := e.Service.PostAnswer(ctx, who, page, domain.TextInput{Body: body}); err != nil {
			return fig, err
		}
	}
	lat = lat[:0]
	var psum Usage
	var size int
	for i := 0; i < samples; i++ {
		e.Counter.Reset()
		t0 := time.Now()
		t, err := e.Service.FindPublicThread(ctx, page)
		if err != nil {
			return fig, err
		}
		var buf bytes.Buffer
		if err := pages.Question(&buf, t, "zh", "https://lawdesk.example.com"); err != nil {
			return fig, err
		}
		lat = append(lat, float64(time.Since(t0).Microseconds())/1000)
		u := e.Counter.Reset()
		psum = add(psum, u)
		psum.Depth = max(psum.Depth, u.Depth)
		size = buf.Len()
		if i == 0 {
			const renders = 2000
			r0 := time.Now()
			for range renders {
				buf.Reset()
				if err := pages.Question(&buf, t, "zh", "https://lawdesk.example.com"); err != nil {
					return fig, err
				}
			}
			fig.RenderMicros = float64(time.Since(r0).Microseconds()) / renders
		}
	}
	fig.Page = div(psum, samples)
	fig.Page.Depth = psum.Depth
	fig.PageP50 = percentile(lat, 50)
	fig.PageBytes = size
	return fig, nil
}

// lawyerFor creates an active lawyer of the benchmark's i-th firm.
func (e *Env) lawyerFor(ctx context.Context, i int) (domain.Lawyer, error) {
	l, err := e.Service.CreateLawyer(ctx, admin, domain.LawyerInput{
		FirmID: e.Firms[i%len(e.Firms)], Name: fmt.Sprintf("解答律师%d", i), Areas: []string{"family", "debt"}, City: cities[0],
		LicenseNo: fmt.Sprintf("QA%015d", i), Phone: fmt.Sprintf("137%08d", i), TimeZone: domain.DefaultTimeZone,
	})
	return l.Lawyer, err
}
