package store_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"chitieu/clock"
	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
	"chitieu/reminders"
	"chitieu/store"
	"chitieu/store/storetest"
)

// TestCommitteesSpreadOverTheCluster: eight committees on the real
// three-master Cluster, each saving, correcting, reading and queueing a
// push with no cross-slot error, keep their keys on more than one master,
// and none reads another's figure of the same code.
func TestCommitteesSpreadOverTheCluster(t *testing.T) {
	if cluster == nil {
		t.Skip("no redis-server binary on PATH: cannot start a Redis Cluster")
	}
	prefix := storetest.Prefix()
	masters := map[string]bool{}
	rdb := redis.NewClusterClient(&redis.ClusterOptions{Addrs: cluster.Addrs, DisableIdentity: true})
	defer rdb.Close()
	for i := range 8 {
		code := fmt.Sprintf("phuong-%d", i)
		s := storetest.Open(t, store.Options{ClusterAddrs: cluster.Addrs, Prefix: prefix, Committee: code,
			Now: func() time.Time { return start }})
		f, _, err := s.Figures.Save(ctx, store.NewFigure{Indicator: "CT01.1", Date: d(2026, 3, 1), Value: float64(i), By: 7, Key: "k"},
			s.Updates.Mark(100+i))
		if err != nil {
			t.Fatalf("%s: save: %v", code, err)
		}
		if _, err := s.Figures.Correct(ctx, indicator.Correction{ID: f.ID, Version: 1, Value: float64(10 + i), By: 7, Reason: "sửa"}); err != nil {
			t.Fatalf("%s: correct: %v", code, err)
		}
		a, err := s.Figures.Series(ctx, "CT01.1", []indicator.Period{{From: d(2026, 1, 1), To: d(2026, 12, 31)}})
		if err != nil {
			t.Fatalf("%s: read: %v", code, err)
		}
		if st := a.Stats(indicator.Period{From: d(2026, 1, 1), To: d(2026, 12, 31)}); st.N != 1 || st.Sum != float64(10+i) {
			t.Errorf("%s reads %+v: another committee's figure, or none", code, st)
		}
		if _, err := s.Pushes.Enqueue(ctx, store.Push{Key: "digest:" + code, Chat: 9, Text: "tổng hợp", Created: start}); err != nil {
			t.Fatalf("%s: enqueue: %v", code, err)
		}
		if got, err := s.Pushes.Claim(ctx, "sender", 5, 0, time.Minute); err != nil || len(got) != 1 || got[0].Key != "digest:"+code {
			t.Fatalf("%s: claimed %+v, %v", code, got, err)
		}
		if _, err := s.Updates.Finish(ctx, 100+i); err != nil {
			t.Fatalf("%s: finish: %v", code, err)
		}
		m, err := rdb.MasterForKey(ctx, "{"+prefix+"/"+code+"}:figures")
		if err != nil {
			t.Fatal(err)
		}
		masters[m.Options().Addr] = true
	}
	if len(masters) < 2 {
		t.Errorf("eight committees' figures sit on %d master(s): %v", len(masters), masters)
	}
}

// TestACommitteesJobsRunOnTheCluster: on the real Cluster, each of several
// committees sweeps (its alerts), sends its digest, reads what its report
// reads, and the bot's reads across committees (who belongs where, whose
// invite or group it is, a person's choice) answer — no cross-slot error,
// each committee's pushes in its own outbox.
func TestACommitteesJobsRunOnTheCluster(t *testing.T) {
	if cluster == nil {
		t.Skip("no redis-server binary on PATH: cannot start a Redis Cluster")
	}
	prefix := storetest.Prefix()
	plan, err := indicator.Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2023, 6, 30, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	var codes []string
	var city reminders.City
	var root *store.Store
	for i := range 4 {
		code := fmt.Sprintf("xa-%d", i)
		codes = append(codes, code)
		s := storetest.Open(t, store.Options{ClusterAddrs: cluster.Addrs, Prefix: prefix, Committee: code, Now: func() time.Time { return now }})
		if root == nil {
			root = s
		}
		s.People.EnsureAdmin(ctx, store.Profile{ID: 8, Name: "Minh", Lang: "vi"})
		s.People.SetAccess(ctx, 0, 8, []store.Role{store.Leader}, "")
		if i%2 == 0 {
			s.People.EnsureAdmin(ctx, store.Profile{ID: 7, Name: "Lan", Lang: "vi"})
		}
		if _, _, err := s.Figures.Save(ctx, store.NewFigure{Indicator: "CT01.1", Date: d(2023, 6, 25), Value: 3, By: 7, Key: "k"}); err != nil {
			t.Fatalf("%s: save: %v", code, err)
		}
		svc := reminders.New(reminders.Service{Store: s, Plan: plan, Catalog: locales.MustLoad(), Clock: clock.At(func() time.Time { return now })})
		for _, job := range svc.Jobs() {
			if job.Name == "remind" {
				continue
			}
			if err := job.Run(ctx, now); err != nil {
				t.Fatalf("%s: %s: %v", code, job.Name, err)
			}
		}
		if _, err := s.Figures.Domain(ctx, plan); err != nil {
			t.Fatalf("%s: the report's reads: %v", code, err)
		}
		if _, _, err := s.TermBefore(ctx, plan); err != nil {
			t.Fatalf("%s: the term before: %v", code, err)
		}
		pushes, err := s.Pushes.Claim(ctx, "test", 100, 0, time.Minute)
		if err != nil {
			t.Fatalf("%s: claim: %v", code, err)
		}
		var alert, digest bool
		for _, p := range pushes {
			alert = alert || p.Kind == "alert"
			digest = digest || p.Kind == "digest"
		}
		if !alert || !digest {
			t.Errorf("%s: the sweep's alert %v, the digest %v, in its outbox: %d pushes", code, alert, digest, len(pushes))
		}
		city.Committees = append(city.Committees, reminders.CityCommittee{Name: code, Service: svc})
	}
	city.Leaders = []int64{31}
	if err := city.Rollup(ctx, now); err != nil {
		t.Fatalf("the roll-up: %v", err)
	}
	in, err := root.Committees.Memberships(ctx, 7, codes)
	if err != nil || len(in) != 2 {
		t.Errorf("memberships across the Cluster: %v, %v", in, err)
	}
	if _, err := root.Committees.InviteHolder(ctx, "nope", codes); err != nil {
		t.Errorf("whose invite: %v", err)
	}
	if _, err := root.Committees.GroupHolder(ctx, -100, codes); err != nil {
		t.Errorf("whose group: %v", err)
	}
	if err := root.Committees.Hold(ctx, 7, []byte(`{"update_id":1}`)); err != nil {
		t.Fatal(err)
	}
	if err := root.Committees.Choose(ctx, 7, "xa-2"); err != nil {
		t.Fatal(err)
	}
	if c, err := root.Committees.Choice(ctx, 7); err != nil || c.Committee != "xa-2" || c.Pending != nil {
		t.Errorf("a person's choice: %+v, %v", c, err)
	}
}

// TestAWardsFirstTermComparesWithItsDistrict: a ward made by the merger
// continues the district's 2020–2025 term: its first term has no term of
// its own before it, and its report's "term before" is the district's,
// named as the district's, on the codes the ward named (its CT01.1 is the
// district's CT01.1; the rest are not compared). A ward that names no
// predecessor compares with nothing.
func TestAWardsFirstTermComparesWithItsDistrict(t *testing.T) {
	clock := storetest.NewClock(time.Date(2026, 5, 4, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600)))
	district := storetest.New(t, clock.Now)
	old, err := indicator.Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	next, err := os.ReadFile("../plans/" + plans.NextTermName)
	if err != nil {
		t.Fatal(err)
	}
	ward, err := indicator.Load(next)
	if err != nil {
		t.Fatal(err)
	}
	term, err := district.ForPlan(ctx, old)
	if err != nil {
		t.Fatal(err)
	}
	district.UseTerm(term)
	if _, _, err := district.Plans.Apply(ctx, plans.Example, 0, "nhiệm kỳ 2020–2025"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := district.Figures.Save(ctx, store.NewFigure{Indicator: "CT01.1", Date: d(2025, 12, 20), Value: 95, By: 7, Key: "k"}); err != nil {
		t.Fatal(err)
	}
	if all, err := district.Committees.List(ctx); err != nil || len(all) != 1 || all[0].Name != old.Committee.Name || all[0].Name == "" {
		t.Errorf("the committee from before is listed as %+v (%v), not by its plan's issuer", all, err)
	}
	for _, w := range []struct {
		code   string
		before []store.Predecessor
	}{{"tay-ho", []store.Predecessor{{Committee: store.DefaultCommittee, Term: term.ID, Codes: map[string]string{"CT01.1": "CT01.1"}}}}, {"quang-an", nil}} {
		if err := district.Committees.Add(ctx, store.Committee{Code: w.code, Name: w.code, Predecessors: w.before}); err != nil {
			t.Fatal(err)
		}
		s, err := district.For(w.code)
		if err != nil {
			t.Fatal(err)
		}
		own, err := s.ForPlan(ctx, ward)
		if err != nil {
			t.Fatal(err)
		}
		s.UseTerm(own)
		got, ok, err := s.TermBefore(ctx, ward)
		switch {
		case err != nil:
			t.Fatalf("%s: %v", w.code, err)
		case w.before == nil && ok:
			t.Errorf("%s names no predecessor but compares with %s", w.code, got.Term.Name)
		case w.before == nil:
		case !ok:
			t.Errorf("%s does not compare with the district's term", w.code)
		case len(got.Figures["CT01.1"]) != 1 || got.Figures["CT01.1"][0].Value != 95:
			t.Errorf("%s reads the district's CT01.1 as %+v", w.code, got.Figures["CT01.1"])
		case len(got.Plan.Indicators()) != 1 || got.Plan.Indicator("CT01.1") == nil:
			t.Errorf("%s compares %d indicators, want its one", w.code, len(got.Plan.Indicators()))
		case !strings.Contains(got.Term.Name, "2020–2025 (") || !strings.Contains(got.Term.Name, "Tây Hồ"):
			t.Errorf("%s names the term before %q", w.code, got.Term.Name)
		}
	}
}

// TestEveryVersionOfAWardsPlanIssuesItsReports: a registered ward's plan,
// its first version or a later one, must name the ward's place as its
// reports' issuer (marks and Unicode form aside); the committee default
// is not held to it.
func TestEveryVersionOfAWardsPlanIssuesItsReports(t *testing.T) {
	clock := storetest.NewClock(time.Date(2023, 6, 30, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600)))
	root := storetest.New(t, clock.Now)
	own := strings.ReplaceAll(string(plans.Example), "Tây Hồ", "Thanh Hoà")
	if _, err := root.Committees.Create(ctx, store.Committee{Code: "thanh-hoa", Name: "Đảng bộ phường Thanh Hòa"}, []byte(own), 0, "đầu tiên"); err != nil {
		t.Fatalf("a plan naming the ward's place in another Unicode form or tone mark: %v", err)
	}
	ward, _ := root.For("thanh-hoa")
	var place *store.PlaceError
	if _, _, err := ward.Plans.Apply(ctx, plans.Example, 0, "bản sao"); !errors.As(err, &place) || place.Place != "Tây Hồ" {
		t.Errorf("a later version issued in Tây Hồ's name: %v", err)
	}
	if err := ward.Plans.Issuer(ctx, []byte(strings.Replace(own, "Kết nạp", "Kết nạp thêm", 1))); err != nil {
		t.Errorf("the ward's own later version: %v", err)
	}
	if _, _, err := root.Plans.Apply(ctx, plans.Example, 0, "quận"); err != nil {
		t.Errorf("the committee default is held to a name it has not: %v", err)
	}
}
