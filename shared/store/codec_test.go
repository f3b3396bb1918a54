package store

import (
	"fmt"
	"go/ast"
	"go/token"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/internal/gosource"
	"github.com/lawdesk/lawdesk/shared/store/internal/ddb"
)

// itemTypes are the store's item types, each as a nil pointer; the test
// below holds the list to the source.
var itemTypes = []any{
	(*auditItem)(nil), (*bookingItem)(nil), (*idempotencyItem)(nil), (*firmItem)(nil),
	(*lawyerItem)(nil), (*contactItem)(nil), (*licenseItem)(nil), (*leadItem)(nil),
	(*responsesItem)(nil), (*reviewItem)(nil), (*outboxItem)(nil), (*questionTextItem)(nil),
	(*answerItem)(nil), (*replyItem)(nil), (*helpedItem)(nil), (*termItem)(nil),
	(*questionItem)(nil), (*piiItem)(nil), (*slotItem)(nil),
}

// TestItemTypesListed: every named struct of the store with dynamodbav
// tags is in itemTypes, so that the codec test below covers it.
func TestItemTypesListed(t *testing.T) {
	listed := map[string]bool{}
	for _, it := range itemTypes {
		listed[reflect.TypeOf(it).Elem().Name()] = true
	}
	_, files, err := gosource.Files(".")
	if err != nil {
		t.Fatal(err)
	}
	for f, file := range files {
		for _, d := range file.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.TYPE {
				continue
			}
			for _, s := range g.Specs {
				ts := s.(*ast.TypeSpec)
				st, ok := ts.Type.(*ast.StructType)
				if !ok {
					continue
				}
				for _, fl := range st.Fields.List {
					if fl.Tag != nil && strings.Contains(fl.Tag.Value, "dynamodbav:") && !listed[ts.Name.Name] {
						t.Errorf("%s (%s) has dynamodbav tags but is not in itemTypes", ts.Name.Name, f)
						break
					}
				}
			}
		}
	}
}

// TestCodecMatchesAttributeValue holds the store's codec to the SDK's
// attributevalue, which wrote every item stored before it: over every item
// type, empty and filled at random, both encode alike, and each reads the
// other's encoding back to the same value.
func TestCodecMatchesAttributeValue(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, it := range itemTypes {
		typ := reflect.TypeOf(it).Elem()
		for n := range 200 {
			v := reflect.New(typ)
			if n > 0 {
				fill(r, v.Elem(), 0)
			}
			want, err := attributevalue.MarshalMap(v.Interface())
			if err != nil {
				t.Fatal(err)
			}
			got, err := ddb.MarshalMap(v.Interface())
			if err != nil {
				t.Fatalf("%s: %v", typ, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s #%d: encoded\n%s\nattributevalue\n%s", typ, n, show(got), show(want))
			}
			sdk, ours := reflect.New(typ), reflect.New(typ)
			if err := attributevalue.UnmarshalMap(want, sdk.Interface()); err != nil {
				t.Fatal(err)
			}
			if err := ddb.UnmarshalMap(want, ours.Interface()); err != nil {
				t.Fatalf("%s #%d: %v", typ, n, err)
			}
			if !reflect.DeepEqual(ours.Interface(), sdk.Interface()) {
				t.Fatalf("%s #%d: decoded\n%+v\nattributevalue\n%+v", typ, n, ours.Elem(), sdk.Elem())
			}
		}
	}
}

// TestCodecValuesMatchAttributeValue: the values the store's expressions
// carry encode as attributevalue encodes them; NULL and absent attributes
// decode as it decodes them.
func TestCodecValuesMatchAttributeValue(t *testing.T) {
	at := time.Date(2026, 12, 3, 9, 30, 0, 120000000, time.FixedZone("CST", 8*3600))
	for _, v := range []any{
		nil, "", "办理离婚", 0, -7, int64(1 << 40), 2.5, true, false, at, &at, (*time.Time)(nil),
		[]string{"a", "b"}, []string(nil), []string{}, stringSet{"l1"}, stringSet(nil), []int{3, 1},
		map[string]int{"x": 1}, map[string]string(nil), []domain.AreaScore{{Area: "labor", Score: 0.5}},
		domain.BookingStatus("pending"), []byte("x"),
	} {
		want, err := attributevalue.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ddb.Marshal(v)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("Marshal(%#v) = %s, %v; attributevalue %s", v, show(map[string]types.AttributeValue{"v": got}), err, show(map[string]types.AttributeValue{"v": want}))
		}
	}
	type item struct {
		S string     `dynamodbav:"s"`
		N int        `dynamodbav:"n"`
		T *time.Time `dynamodbav:"t"`
		L []string   `dynamodbav:"l"`
		F float64
	}
	raw := map[string]types.AttributeValue{
		"s": &types.AttributeValueMemberNULL{Value: true}, "n": &types.AttributeValueMemberN{Value: "12"},
		"L": &types.AttributeValueMemberSS{Value: []string{"x"}}, "f": &types.AttributeValueMemberN{Value: "1.25"},
		"other": &types.AttributeValueMemberS{Value: "ignored"},
	}
	start := item{S: "kept?", T: &at}
	sdk, ours := start, start
	if err := attributevalue.UnmarshalMap(raw, &sdk); err != nil {
		t.Fatal(err)
	}
	if err := ddb.UnmarshalMap(raw, &ours); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ours, sdk) {
		t.Errorf("decoded %+v, attributevalue %+v", ours, sdk)
	}
	var n int8
	if err := ddb.Unmarshal(&types.AttributeValueMemberN{Value: "300"}, &n); err == nil {
		t.Error("300 decoded into an int8")
	}
	if err := ddb.Unmarshal(&types.AttributeValueMemberS{Value: "x"}, &n); err == nil {
		t.Error("a string decoded into an int8")
	}
}

// fill sets v to random values of its type, some empty.
func fill(r *rand.Rand, v reflect.Value, depth int) {
	if r.IntN(6) == 0 || depth > 3 {
		return // left empty
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString([]string{"", "x", "办理离婚", "a b#c", "2026-12-03"}[r.IntN(5)])
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(r.Int64N(1<<40) - 1<<39)
	case reflect.Float64:
		v.SetFloat(float64(r.IntN(1000)) / 8)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(r, v.Elem(), depth+1)
	case reflect.Slice:
		n := r.IntN(4)
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			fill(r, s.Index(i), depth+1)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for range r.IntN(3) {
			k := reflect.New(v.Type().Key()).Elem()
			k.SetString([]string{"a", "b", "生日"}[r.IntN(3)])
			e := reflect.New(v.Type().Elem()).Elem()
			fill(r, e, depth+1)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			zone := []*time.Location{time.UTC, time.FixedZone("", 8*3600)}[r.IntN(2)]
			v.Set(reflect.ValueOf(time.Unix(r.Int64N(2e9), r.Int64N(1e9)).In(zone)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(r, v.Field(i), depth+1)
			}
		}
	default:
		panic("fill: " + v.Type().String())
	}
}

func show(m map[string]types.AttributeValue) string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + ": " + showAV(m[k]) + "\n")
	}
	return b.String()
}

func showAV(av types.AttributeValue) string {
	switch av := av.(type) {
	case *types.AttributeValueMemberM:
		return "{" + strings.ReplaceAll(show(av.Value), "\n", "; ") + "}"
	case *types.AttributeValueMemberL:
		var parts []string
		for _, x := range av.Value {
			parts = append(parts, showAV(x))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprintf("%s %v", strings.TrimPrefix(reflect.TypeOf(av).String(), "*types.AttributeValueMember"), reflect.ValueOf(av).Elem().FieldByName("Value"))
}
