// Package ddb is the store's DynamoDB item codec and expression builder:
// the part of the SDK's feature/dynamodb/attributevalue and
// feature/dynamodb/expression modules the store uses, with the same names
// and the same encoding, in a fraction of their code.
//
// Those two modules, with the streams types attributevalue's converters
// bring, were about a fifth of each function's bootstrap beyond a bare
// handler (go run ./infra/cmd/bench -part sizes). The codec writes exactly
// what attributevalue writes, so items written by either read back the
// same: codec_test.go holds the two side by side over every item type.
//
// What it encodes (and decodes back):
//   - string → S, bool → BOOL, integers and floats → N;
//   - time.Time → S in RFC 3339 with nanoseconds (read back as RFC 3339);
//   - []byte → B; other slices → L, or SS with the "stringset" tag option;
//   - maps with string keys and structs → M;
//   - nil pointers, slices, maps and interfaces → NULL, or nothing with
//     "omitempty", which also leaves out "", false and 0; an empty string
//     set is NULL too, as DynamoDB holds no empty set;
//   - a value with a MarshalDynamoDBAttributeValue method → what it says.
//
// A struct field is named by its `dynamodbav:"name,options"` tag or else
// its Go name; "-" leaves it out. Reading matches names exactly, then
// without regard to case. An attribute absent from an item leaves its field
// as it was; NULL sets it to its zero value.
package ddb

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Marshaler is a type that encodes itself (the name attributevalue uses).
type Marshaler interface {
	MarshalDynamoDBAttributeValue() (types.AttributeValue, error)
}

// Marshal encodes v; a nil v is NULL.
//
//go:noinline
func Marshal(v any) (types.AttributeValue, error) {
	av, err := encode(reflect.ValueOf(v), fieldTag{})
	if err == nil && av == nil {
		av = null()
	}
	return av, err
}

// MarshalMap encodes the struct or map v as an item.
//
//go:noinline
func MarshalMap(v any) (map[string]types.AttributeValue, error) {
	av, err := Marshal(v)
	if err != nil {
		return nil, err
	}
	m, ok := av.(*types.AttributeValueMemberM)
	if !ok {
		return nil, fmt.Errorf("ddb: %T does not encode as a map", v)
	}
	return m.Value, nil
}

// Unmarshal decodes av into what the non-nil pointer out points at.
//
//go:noinline
func Unmarshal(av types.AttributeValue, out any) error {
	v := reflect.ValueOf(out)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return fmt.Errorf("ddb: Unmarshal needs a non-nil pointer, not %T", out)
	}
	return decode(av, v.Elem())
}

// UnmarshalMap decodes the item m into what out points at.
//
//go:noinline
func UnmarshalMap(m map[string]types.AttributeValue, out any) error {
	return Unmarshal(&types.AttributeValueMemberM{Value: m}, out)
}

var (
	timeType      = reflect.TypeFor[time.Time]()
	marshalerType = reflect.TypeFor[Marshaler]()
)

func null() types.AttributeValue { return &types.AttributeValueMemberNULL{Value: true} }

// fieldTag is what a struct field's tag asks of its encoding.
type fieldTag struct {
	omitEmpty, stringSet bool
}

// isEmpty is what "omitempty" leaves out (attributevalue's rule: a struct,
// time.Time included, is never empty).
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Invalid:
		return true
	case reflect.Map, reflect.Slice, reflect.Pointer, reflect.Interface:
		return v.IsNil()
	case reflect.Array, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	}
	return false
}

// encode returns v's attribute value, or nil when it is to be left out.
func encode(v reflect.Value, t fieldTag) (types.AttributeValue, error) {
	if isEmpty(v) {
		switch {
		case t.omitEmpty:
			return nil, nil
		case !v.IsValid(), v.Kind() == reflect.Map, v.Kind() == reflect.Slice, v.Kind() == reflect.Pointer, v.Kind() == reflect.Interface:
			return null(), nil // a nil map, slice, pointer or interface
		}
	}
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return null(), nil
		}
		if v.Type().Implements(marshalerType) {
			break
		}
		v = v.Elem()
	}
	if v.Type().Implements(marshalerType) {
		return v.Interface().(Marshaler).MarshalDynamoDBAttributeValue()
	}
	if v.CanAddr() && reflect.PointerTo(v.Type()).Implements(marshalerType) {
		return v.Addr().Interface().(Marshaler).MarshalDynamoDBAttributeValue()
	}
	switch v.Kind() {
	case reflect.String:
		return &types.AttributeValueMemberS{Value: v.String()}, nil
	case reflect.Bool:
		return &types.AttributeValueMemberBOOL{Value: v.Bool()}, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return &types.AttributeValueMemberN{Value: strconv.FormatInt(v.Int(), 10)}, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return &types.AttributeValueMemberN{Value: strconv.FormatUint(v.Uint(), 10)}, nil
	case reflect.Float32, reflect.Float64:
		return &types.AttributeValueMemberN{Value: strconv.FormatFloat(v.Float(), 'f', -1, v.Type().Bits())}, nil
	case reflect.Struct:
		if v.Type() == timeType {
			return &types.AttributeValueMemberS{Value: v.Interface().(time.Time).Format(time.RFC3339Nano)}, nil
		}
		return encodeStruct(v)
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return nil, fmt.Errorf("ddb: map key %s is not a string", v.Type().Key())
		}
		m := make(map[string]types.AttributeValue, v.Len())
		for it := v.MapRange(); it.Next(); {
			if it.Key().String() == "" {
				return nil, errors.New("ddb: map key cannot be empty")
			}
			av, err := encode(it.Value(), fieldTag{})
			if err != nil {
				return nil, err
			}
			m[it.Key().String()] = av
		}
		return &types.AttributeValueMemberM{Value: m}, nil
	case reflect.Slice:
		return encodeSlice(v, t)
	}
	return nil, fmt.Errorf("ddb: cannot encode %s", v.Type())
}

func encodeStruct(v reflect.Value) (types.AttributeValue, error) {
	fields, err := fieldsOf(v.Type())
	if err != nil {
		return nil, err
	}
	m := make(map[string]types.AttributeValue, len(fields.list))
	for _, f := range fields.list {
		av, err := encode(v.Field(f.index), f.tag)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		if av != nil {
			m[f.name] = av
		}
	}
	return &types.AttributeValueMemberM{Value: m}, nil
}

func encodeSlice(v reflect.Value, t fieldTag) (types.AttributeValue, error) {
	if v.Type().Elem().Kind() == reflect.Uint8 {
		return &types.AttributeValueMemberB{Value: append([]byte{}, v.Bytes()...)}, nil
	}
	if t.stringSet {
		if v.Len() == 0 {
			return null(), nil // DynamoDB holds no empty set
		}
		ss := make([]string, 0, v.Len())
		for i := range v.Len() {
			av, err := encode(v.Index(i), fieldTag{})
			if err != nil {
				return nil, err
			}
			s, ok := av.(*types.AttributeValueMemberS)
			if !ok {
				return nil, errors.New("ddb: a string set holds only strings")
			}
			ss = append(ss, s.Value)
		}
		return &types.AttributeValueMemberSS{Value: ss}, nil
	}
	l := make([]types.AttributeValue, 0, v.Len())
	for i := range v.Len() {
		av, err := encode(v.Index(i), fieldTag{})
		if err != nil {
			return nil, err
		}
		l = append(l, av)
	}
	return &types.AttributeValueMemberL{Value: l}, nil
}

// field is one encoded field of a struct type.
type field struct {
	name  string
	index int
	tag   fieldTag
}

type structFields struct {
	list   []field
	byName map[string]int
}

func (s *structFields) find(name string) (field, bool) {
	if i, ok := s.byName[name]; ok {
		return s.list[i], true
	}
	for _, f := range s.list {
		if strings.EqualFold(f.name, name) {
			return f, true
		}
	}
	return field{}, false
}

type cached struct {
	fields *structFields
	err    error
}

var fieldCache sync.Map // reflect.Type → cached

// fieldsOf reads the fields of struct type t and their tags, once per type.
func fieldsOf(t reflect.Type) (*structFields, error) {
	if c, ok := fieldCache.Load(t); ok {
		return c.(cached).fields, c.(cached).err
	}
	s := &structFields{byName: map[string]int{}}
	var err error
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		if sf.Anonymous {
			err = fmt.Errorf("ddb: %s embeds %s: name its fields instead", t, sf.Name)
			break
		}
		name, opts, _ := strings.Cut(sf.Tag.Get("dynamodbav"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		f := field{name: name, index: i}
		for o := range strings.SplitSeq(opts, ",") {
			switch o {
			case "":
			case "omitempty":
				f.tag.omitEmpty = true
			case "stringset":
				f.tag.stringSet = true
			default:
				err = fmt.Errorf("ddb: %s.%s: tag option %q is not supported", t, sf.Name, o)
			}
		}
		if _, dup := s.byName[name]; dup {
			err = fmt.Errorf("ddb: %s names %q twice", t, name)
		}
		s.byName[name] = len(s.list)
		s.list = append(s.list, f)
	}
	fieldCache.Store(t, cached{s, err})
	return s, err
}

// decode sets v from av.
func decode(av types.AttributeValue, v reflect.Value) error {
	if _, isNull := av.(*types.AttributeValueMemberNULL); av == nil || isNull {
		if v.CanSet() {
			v.Set(reflect.Zero(v.Type()))
		}
		return nil
	}
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	if v.Kind() == reflect.Interface && v.NumMethod() == 0 {
		x, err := decodeAny(av)
		if err == nil && x != nil {
			v.Set(reflect.ValueOf(x))
		}
		return err
	}
	switch av := av.(type) {
	case *types.AttributeValueMemberS:
		switch {
		case v.Kind() == reflect.String:
			v.SetString(av.Value)
			return nil
		case v.Type() == timeType:
			t, err := time.Parse(time.RFC3339, av.Value)
			if err != nil {
				return fmt.Errorf("ddb: %w", err)
			}
			v.Set(reflect.ValueOf(t))
			return nil
		}
	case *types.AttributeValueMemberN:
		return decodeNumber(av.Value, v)
	case *types.AttributeValueMemberBOOL:
		if v.Kind() == reflect.Bool {
			v.SetBool(av.Value)
			return nil
		}
	case *types.AttributeValueMemberB:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			v.SetBytes(append([]byte{}, av.Value...))
			return nil
		}
	case *types.AttributeValueMemberSS:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.String {
			s := reflect.MakeSlice(v.Type(), len(av.Value), len(av.Value))
			for i, x := range av.Value {
				s.Index(i).SetString(x)
			}
			v.Set(s)
			return nil
		}
	case *types.AttributeValueMemberL:
		if v.Kind() == reflect.Slice {
			s := reflect.MakeSlice(v.Type(), len(av.Value), len(av.Value))
			for i, x := range av.Value {
				if err := decode(x, s.Index(i)); err != nil {
					return err
				}
			}
			v.Set(s)
			return nil
		}
	case *types.AttributeValueMemberM:
		return decodeMap(av.Value, v)
	}
	return fmt.Errorf("ddb: cannot decode %T into %s", av, v.Type())
}

func decodeNumber(n string, v reflect.Value) error {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := strconv.ParseInt(n, 10, 64)
		if err != nil || v.OverflowInt(i) {
			return fmt.Errorf("ddb: number %s does not fit %s", n, v.Type())
		}
		v.SetInt(i)
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		u, err := strconv.ParseUint(n, 10, 64)
		if err != nil || v.OverflowUint(u) {
			return fmt.Errorf("ddb: number %s does not fit %s", n, v.Type())
		}
		v.SetUint(u)
		return nil
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(n, v.Type().Bits())
		if err != nil {
			return fmt.Errorf("ddb: number %s does not fit %s", n, v.Type())
		}
		v.SetFloat(f)
		return nil
	}
	if v.Type() == timeType { // seconds since the epoch, as attributevalue reads them
		i, err := strconv.ParseInt(n, 10, 64)
		if err != nil {
			return fmt.Errorf("ddb: number %s is not a time", n)
		}
		v.Set(reflect.ValueOf(time.Unix(i, 0)))
		return nil
	}
	return fmt.Errorf("ddb: cannot decode a number into %s", v.Type())
}

func decodeMap(m map[string]types.AttributeValue, v reflect.Value) error {
	switch v.Kind() {
	case reflect.Struct:
		fields, err := fieldsOf(v.Type())
		if err != nil {
			return err
		}
		for name, av := range m {
			if f, ok := fields.find(name); ok {
				if err := decode(av, v.Field(f.index)); err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
			}
		}
		return nil
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			break
		}
		if v.IsNil() {
			v.Set(reflect.MakeMapWithSize(v.Type(), len(m)))
		}
		for name, av := range m {
			elem := reflect.New(v.Type().Elem()).Elem()
			if err := decode(av, elem); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			v.SetMapIndex(reflect.ValueOf(name).Convert(v.Type().Key()), elem)
		}
		return nil
	}
	return fmt.Errorf("ddb: cannot decode a map into %s", v.Type())
}

// decodeAny is av as plain Go values (what attributevalue gives an any).
func decodeAny(av types.AttributeValue) (any, error) {
	switch av := av.(type) {
	case *types.AttributeValueMemberS:
		return av.Value, nil
	case *types.AttributeValueMemberN:
		return strconv.ParseFloat(av.Value, 64)
	case *types.AttributeValueMemberBOOL:
		return av.Value, nil
	case *types.AttributeValueMemberB:
		return av.Value, nil
	case *types.AttributeValueMemberSS:
		return append([]string{}, av.Value...), nil
	case *types.AttributeValueMemberNULL:
		return nil, nil
	case *types.AttributeValueMemberL:
		out := make([]any, len(av.Value))
		for i, x := range av.Value {
			var err error
			if out[i], err = decodeAny(x); err != nil {
				return nil, err
			}
		}
		return out, nil
	case *types.AttributeValueMemberM:
		out := make(map[string]any, len(av.Value))
		for k, x := range av.Value {
			var err error
			if out[k], err = decodeAny(x); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("ddb: cannot decode %T", av)
}
