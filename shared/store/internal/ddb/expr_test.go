package ddb

import (
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestBuildRendersPlaceholders(t *testing.T) {
	status := Name("status")
	e, err := NewBuilder().
		WithCondition(AttributeExists(Name("pk")).And(status.Equal(Value("open")), Not(Contains(Name("seen"), "l1")))).
		WithUpdate(Set(status, Value("held")).Remove(Name("gsi3pk")).Add(Name("n"), Value(1)).
			Set(Name("c"), Plus(IfNotExists(Name("c"), Value(0)), Value(1)))).
		Build()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := *e.Condition(), "(attribute_exists(#0)) AND (#1 = :0) AND (NOT (contains(#2, :1)))"; got != want {
		t.Errorf("condition %q, want %q", got, want)
	}
	if got, want := *e.Update(), "SET #1 = :2, #3 = if_not_exists(#3, :3) + :4 REMOVE #4 ADD #5 :5"; got != want {
		t.Errorf("update %q, want %q", got, want)
	}
	if want := map[string]string{"#0": "pk", "#1": "status", "#2": "seen", "#3": "c", "#4": "gsi3pk", "#5": "n"}; !reflect.DeepEqual(e.Names(), want) {
		t.Errorf("names %v, want %v", e.Names(), want)
	}
	if got := e.Values()[":2"].(*types.AttributeValueMemberS).Value; got != "held" {
		t.Errorf(":2 is %q, want held", got)
	}
	if len(e.Values()) != 6 || e.KeyCondition() != nil || e.Filter() != nil || e.Projection() != nil {
		t.Errorf("values %d, key %v, filter %v, projection %v", len(e.Values()), e.KeyCondition(), e.Filter(), e.Projection())
	}
}

func TestBuildQuery(t *testing.T) {
	e, err := NewBuilder().
		WithKeyCondition(Key("gsi1pk").Equal(Value("firm#f1")).And(Key("gsi1sk").Between(Value("a"), Value("b")))).
		WithFilter(Name("area").In(Value("labor"), Value("family"))).
		WithProjection(NamesList(Name("id"), Name("area"))).
		Build()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ got, want string }{
		{*e.Filter(), "#0 IN (:0, :1)"}, // the filter renders before the key condition
		{*e.KeyCondition(), "(#1 = :2) AND (#2 BETWEEN :3 AND :4)"},
		{*e.Projection(), "#3, #0"},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
	if e.Condition() != nil || e.Update() != nil {
		t.Error("a query has a condition or an update")
	}
}

// Builders are values: one built from another does not change it.
func TestUpdateBuildersShareNothing(t *testing.T) {
	base := Set(Name("a"), Value(1)).Set(Name("b"), Value(2))
	one := base.Set(Name("c"), Value(3))
	two := base.Remove(Name("d"))
	for _, c := range []struct {
		u    UpdateBuilder
		want string
	}{{base, "SET #0 = :0, #1 = :1"}, {one, "SET #0 = :0, #1 = :1, #2 = :2"}, {two, "SET #0 = :0, #1 = :1 REMOVE #2"}} {
		e, err := NewBuilder().WithUpdate(c.u).Build()
		if err != nil {
			t.Fatal(err)
		}
		if *e.Update() != c.want {
			t.Errorf("update %q, want %q", *e.Update(), c.want)
		}
	}
}

func TestBuildRefuses(t *testing.T) {
	for name, b := range map[string]Builder{
		"unset condition": NewBuilder().WithCondition(ConditionBuilder{}),
		"unset filter":    NewBuilder().WithFilter(ConditionBuilder{}),
		"empty update":    NewBuilder().WithUpdate(UpdateBuilder{}),
		"unset key":       NewBuilder().WithKeyCondition(KeyConditionBuilder{}),
		"unset inside":    NewBuilder().WithCondition(AttributeExists(Name("pk")).And(ConditionBuilder{})),
		"empty name":      NewBuilder().WithCondition(AttributeExists(Name(""))),
		"bad value":       NewBuilder().WithUpdate(Set(Name("x"), Value(make(chan int)))),
	} {
		if _, err := b.Build(); err == nil {
			t.Errorf("%s: built", name)
		}
	}
}
