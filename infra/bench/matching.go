package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/lawdesk/lawdesk/infra/template"
	"github.com/lawdesk/lawdesk/shared/app"
	"github.com/lawdesk/lawdesk/shared/auth"
	"github.com/lawdesk/lawdesk/shared/cursor"
	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/router"
	"github.com/lawdesk/lawdesk/shared/store"
)

// Cities the benchmark directory is spread over.
var cities = []string{"南京", "上海", "北京", "杭州", "广州", "深圳", "成都", "武汉"}

var secret = []byte("bench-secret-0123456789abcdef0123456789")

var admin = auth.Identity{Subject: "bench", Groups: []string{auth.GroupAdmins}}

// Env is a fresh table with a service whose every DynamoDB call is counted.
type Env struct {
	Table   string
	Counter *Counter
	Store   *store.Store
	Service *app.Service
	Firms   []string
}

// NewEnv creates table name from the template and a service on it, with
// no rate limits.
func NewEnv(ctx context.Context, db *dynamodb.Client, tpl *template.Template, name string) (*Env, error) {
	if err := tpl.Table.EnsureTable(ctx, db, name); err != nil {
		return nil, err
	}
	c := &Counter{DB: db}
	st := store.New(c, name, cursor.New(secret))
	cfg := app.DefaultConfig()
	cfg.Secret, cfg.QuestionRateLimit, cfg.ClassifyRateLimit = secret, 0, 0
	e := &Env{Table: name, Counter: c, Store: st, Service: app.New(st, router.NewClassifier(), cfg)}
	for i := 0; i < 10; i++ {
		f, err := e.Service.CreateFirm(ctx, admin, domain.FirmInput{Name: fmt.Sprintf("第%d律师事务所", i+1), Phone: "025-83331234", City: cities[i%len(cities)]})
		if err != nil {
			return nil, err
		}
		e.Firms = append(e.Firms, f.ID)
	}
	return e, nil
}

// SeedLawyers adds n lawyers spread over every area and the cities, each
// practising one to three areas; seven in ten have one to four open slots
// in the next two weeks.
func (e *Env) SeedLawyers(ctx context.Context, n, workers int) error {
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	type job struct {
		in    domain.LawyerInput
		slots []domain.SlotInput
	}
	jobs := make([]job, n)
	now := time.Now()
	for i := range jobs {
		areas := map[string]bool{domain.Areas[i%len(domain.Areas)].Code: true}
		for extra := rng.IntN(3); extra > 0; extra-- {
			areas[domain.Areas[rng.IntN(len(domain.Areas))].Code] = true
		}
		var list []string
		for a := range areas {
			list = append(list, a)
		}
		sort.Strings(list)
		jobs[i].in = domain.LawyerInput{
			FirmID: e.Firms[i%len(e.Firms)], Name: fmt.Sprintf("律师%05d", i), Areas: list, City: cities[rng.IntN(len(cities))],
			LicenseNo: fmt.Sprintf("B%016d", i), Phone: fmt.Sprintf("139%08d", i), TimeZone: domain.DefaultTimeZone,
		}
		if rng.IntN(10) < 7 {
			hours := map[int]bool{}
			for k := rng.IntN(4) + 1; k > 0; k-- {
				h := 1 + rng.IntN(13*24)
				if hours[h] {
					continue
				}
				hours[h] = true
				start := now.Add(time.Duration(h) * time.Hour).Truncate(time.Hour)
				jobs[i].slots = append(jobs[i].slots, domain.SlotInput{Start: start.Format(time.RFC3339), Minutes: 30})
			}
		}
	}
	ch := make(chan job)
	errc := make(chan error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				l, err := e.Service.CreateLawyer(ctx, admin, j.in)
				if err == nil && len(j.slots) > 0 {
					_, err = e.Service.PublishSlots(ctx, admin2(l.FirmID), l.ID, domain.SlotsInput{Slots: j.slots})
				}
				if err != nil {
					errc <- err
					return
				}
			}
		}()
	}
	for _, j := range jobs {
		select {
		case ch <- j:
		case err := <-errc:
			close(ch)
			return err
		}
	}
	close(ch)
	wg.Wait()
	select {
	case err := <-errc:
		return err
	default:
	}
	e.Counter.Reset()
	return nil
}

func admin2(firmID string) auth.Identity {
	return auth.Identity{Subject: "bench-staff", Groups: []string{auth.GroupStaff}, FirmID: firmID}
}

// MatchFigures is the cost of one match, averaged over the questions.
type MatchFigures struct {
	Lawyers   int
	Questions int
	Per       Usage   // per match
	P50, P99  float64 // milliseconds
	Listed    float64 // lawyers listed per match
}

// MeasureMatches submits questions across areas and cities and matches
// each once, counting the DynamoDB calls and capacity of the match alone.
func (e *Env) MeasureMatches(ctx context.Context, lawyers, questions int) (MatchFigures, error) {
	fig := MatchFigures{Lawyers: lawyers, Questions: questions}
	var sum Usage
	var lat []float64
	listed := 0
	yes := true
	for i := 0; i < questions; i++ {
		area := domain.Areas[i%len(domain.Areas)]
		sub, err := e.Service.SubmitQuestion(ctx, domain.QuestionInput{
			Title: "请教一个" + area.ZH + "方面的问题", Area: area.Code, City: cities[i%len(cities)],
			Name: "访客", Phone: fmt.Sprintf("138%08d", i), Consent: &yes,
		}, "192.0.2.1")
		if err != nil {
			return fig, err
		}
		e.Counter.Reset()
		start := time.Now()
		ms, err := e.Service.FindMatches(ctx, sub.ID, sub.AccessToken, "zh", "")
		if err != nil {
			return fig, err
		}
		lat = append(lat, float64(time.Since(start).Microseconds())/1000)
		u := e.Counter.Reset()
		sum.Reads += u.Reads
		sum.Writes += u.Writes
		sum.RCU += u.RCU
		sum.WCU += u.WCU
		listed += len(ms.Items)
	}
	q := float64(questions)
	fig.Per = Usage{Reads: sum.Reads / questions, Writes: sum.Writes / questions, RCU: sum.RCU / q, WCU: sum.WCU / q}
	fig.Listed = float64(listed) / q
	fig.P50, fig.P99 = percentile(lat, 50), percentile(lat, 99)
	return fig, nil
}

func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	i := int(float64(len(s)-1) * p / 100)
	return s[i]
}
