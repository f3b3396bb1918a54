package ddb

import (
	"errors"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The expression builder has the names and shapes of the SDK's expression
// package, so that a call reads as it would there:
//
//	ddb.NewBuilder().
//		WithCondition(ddb.Name("status").Equal(ddb.Value("open"))).
//		WithUpdate(ddb.Set(ddb.Name("status"), ddb.Value("held"))).
//		Build()
//
// Builders are values: adding to one never changes another built from the
// same start. The builder's functions are not inlined (go:noinline): the
// store calls them at some six hundred places, where inlined copies of
// their structs and appends weighed about 30 KiB of each bootstrap, for
// calls that cost nothing beside the round trip they prepare. Names and values become placeholders (#0, :0) only when
// Build renders the expressions; Build reports a value that does not
// encode, an empty name and a builder used before it was set.

// OperandBuilder is what a comparison or SET takes: a name, a value, or
// an operand made of them (Plus, IfNotExists).
type OperandBuilder interface {
	render(r *renderer) string
}

// NameBuilder is an attribute name.
type NameBuilder struct{ name string }

// Name is the attribute named name (not a path: dots are part of it).
//
//go:noinline
func Name(name string) NameBuilder { return NameBuilder{name} }

func (n NameBuilder) render(r *renderer) string { return r.name(n.name) }

// ValueBuilder is a value, encoded by Marshal.
type ValueBuilder struct{ value any }

// Value is the value v.
//
//go:noinline
func Value(v any) ValueBuilder { return ValueBuilder{v} }

func (v ValueBuilder) render(r *renderer) string { return r.value(v.value) }

// SetValueBuilder is an operand made of others.
type SetValueBuilder struct {
	format   string // %0, %1 mark where the operands go
	operands []OperandBuilder
}

func (s SetValueBuilder) render(r *renderer) string { return r.format(s.format, s.operands) }

// Plus is left + right.
//
//go:noinline
func Plus(left, right OperandBuilder) SetValueBuilder {
	return SetValueBuilder{"%0 + %1", []OperandBuilder{left, right}}
}

// IfNotExists is name's value, or value when the item has none.
//
//go:noinline
func IfNotExists(name NameBuilder, value OperandBuilder) SetValueBuilder {
	return SetValueBuilder{"if_not_exists(%0, %1)", []OperandBuilder{name, value}}
}

// ConditionBuilder is a condition; its zero value is unset.
type ConditionBuilder struct{ c *cond }

type cond struct {
	format   string
	operands []OperandBuilder
	conds    []ConditionBuilder // for AND, OR, NOT: format joins them
}

// IsSet reports whether c was built, rather than declared.
func (c ConditionBuilder) IsSet() bool { return c.c != nil }

//go:noinline
func compare(format string, operands ...OperandBuilder) ConditionBuilder {
	return ConditionBuilder{&cond{format: format, operands: operands}}
}

// Equal is name = right.
//
//go:noinline
func (n NameBuilder) Equal(right OperandBuilder) ConditionBuilder {
	return compare("%0 = %1", n, right)
}

// LessThan is name < right.
//
//go:noinline
func (n NameBuilder) LessThan(right OperandBuilder) ConditionBuilder {
	return compare("%0 < %1", n, right)
}

// GreaterThan is name > right.
//
//go:noinline
func (n NameBuilder) GreaterThan(right OperandBuilder) ConditionBuilder {
	return compare("%0 > %1", n, right)
}

// Between is lower <= name <= upper.
//
//go:noinline
func (n NameBuilder) Between(lower, upper OperandBuilder) ConditionBuilder {
	return compare("%0 BETWEEN %1 AND %2", n, lower, upper)
}

// In is name equal to one of the operands.
//
//go:noinline
func (n NameBuilder) In(right OperandBuilder, other ...OperandBuilder) ConditionBuilder {
	ops := append([]OperandBuilder{n, right}, other...)
	marks := make([]string, len(ops)-1)
	for i := range marks {
		marks[i] = "%" + strconv.Itoa(i+1)
	}
	return compare("%0 IN ("+strings.Join(marks, ", ")+")", ops...)
}

// BeginsWith is name starting with prefix.
//
//go:noinline
func (n NameBuilder) BeginsWith(prefix string) ConditionBuilder {
	return compare("begins_with(%0, %1)", n, Value(prefix))
}

// Contains is the string name holding substr, or the set name holding it.
//
//go:noinline
func Contains(name NameBuilder, substr string) ConditionBuilder {
	return compare("contains(%0, %1)", name, Value(substr))
}

// AttributeExists is the item having name.
//
//go:noinline
func AttributeExists(name NameBuilder) ConditionBuilder {
	return compare("attribute_exists(%0)", name)
}

// AttributeNotExists is the item not having name.
//
//go:noinline
func AttributeNotExists(name NameBuilder) ConditionBuilder {
	return compare("attribute_not_exists(%0)", name)
}

//go:noinline
func join(op string, left, right ConditionBuilder, other []ConditionBuilder) ConditionBuilder {
	return ConditionBuilder{&cond{format: op, conds: append([]ConditionBuilder{left, right}, other...)}}
}

// And is every condition holding.
//
//go:noinline
func And(left, right ConditionBuilder, other ...ConditionBuilder) ConditionBuilder {
	return join(" AND ", left, right, other)
}

// Or is one condition holding at least.
//
//go:noinline
func Or(left, right ConditionBuilder, other ...ConditionBuilder) ConditionBuilder {
	return join(" OR ", left, right, other)
}

// Not is c not holding.
//
//go:noinline
func Not(c ConditionBuilder) ConditionBuilder {
	return ConditionBuilder{&cond{format: "NOT ", conds: []ConditionBuilder{c}}}
}

// And is c and every other condition holding.
//
//go:noinline
func (c ConditionBuilder) And(right ConditionBuilder, other ...ConditionBuilder) ConditionBuilder {
	return And(c, right, other...)
}

// Or is c or another condition holding.
//
//go:noinline
func (c ConditionBuilder) Or(right ConditionBuilder, other ...ConditionBuilder) ConditionBuilder {
	return Or(c, right, other...)
}

// KeyBuilder is a key attribute of a query.
type KeyBuilder struct{ key string }

// Key is the key attribute named key.
//
//go:noinline
func Key(key string) KeyBuilder { return KeyBuilder{key} }

// KeyConditionBuilder is a query's key condition; its zero value is unset.
type KeyConditionBuilder struct{ c ConditionBuilder }

// Equal is key = value.
//
//go:noinline
func (k KeyBuilder) Equal(value ValueBuilder) KeyConditionBuilder {
	return KeyConditionBuilder{Name(k.key).Equal(value)}
}

// LessThan is key < value.
//
//go:noinline
func (k KeyBuilder) LessThan(value ValueBuilder) KeyConditionBuilder {
	return KeyConditionBuilder{Name(k.key).LessThan(value)}
}

// Between is lower <= key <= upper.
//
//go:noinline
func (k KeyBuilder) Between(lower, upper ValueBuilder) KeyConditionBuilder {
	return KeyConditionBuilder{Name(k.key).Between(lower, upper)}
}

// BeginsWith is key starting with prefix.
//
//go:noinline
func (k KeyBuilder) BeginsWith(prefix string) KeyConditionBuilder {
	return KeyConditionBuilder{Name(k.key).BeginsWith(prefix)}
}

// And is the partition key's condition and the sort key's.
//
//go:noinline
func (k KeyConditionBuilder) And(right KeyConditionBuilder) KeyConditionBuilder {
	return KeyConditionBuilder{k.c.And(right.c)}
}

// UpdateBuilder is an update; its zero value has no action yet.
type UpdateBuilder struct{ actions []action }

type action struct {
	clause  string // SET, REMOVE, ADD or DELETE
	format  string
	operand []OperandBuilder
}

//go:noinline
func (u UpdateBuilder) with(a action) UpdateBuilder {
	// A new slice each time: builders share nothing.
	return UpdateBuilder{append(u.actions[:len(u.actions):len(u.actions)], a)}
}

// Set is name set to operand.
//
//go:noinline
func Set(name NameBuilder, operand OperandBuilder) UpdateBuilder {
	return UpdateBuilder{}.Set(name, operand)
}

// Remove is name removed.
//
//go:noinline
func Remove(name NameBuilder) UpdateBuilder { return UpdateBuilder{}.Remove(name) }

// Add is value added to the number name, or the set value united with
// the set name.
//
//go:noinline
func Add(name NameBuilder, value ValueBuilder) UpdateBuilder { return UpdateBuilder{}.Add(name, value) }

// Delete is the set value taken out of the set name.
//
//go:noinline
func Delete(name NameBuilder, value ValueBuilder) UpdateBuilder {
	return UpdateBuilder{}.Delete(name, value)
}

// Set is u, and name set to operand.
//
//go:noinline
func (u UpdateBuilder) Set(name NameBuilder, operand OperandBuilder) UpdateBuilder {
	return u.with(action{"SET", "%0 = %1", []OperandBuilder{name, operand}})
}

// Remove is u, and name removed.
//
//go:noinline
func (u UpdateBuilder) Remove(name NameBuilder) UpdateBuilder {
	return u.with(action{"REMOVE", "%0", []OperandBuilder{name}})
}

// Add is u, and value added to name.
//
//go:noinline
func (u UpdateBuilder) Add(name NameBuilder, value ValueBuilder) UpdateBuilder {
	return u.with(action{"ADD", "%0 %1", []OperandBuilder{name, value}})
}

// Delete is u, and value taken out of the set name.
//
//go:noinline
func (u UpdateBuilder) Delete(name NameBuilder, value ValueBuilder) UpdateBuilder {
	return u.with(action{"DELETE", "%0 %1", []OperandBuilder{name, value}})
}

// ProjectionBuilder is the attributes a read returns.
type ProjectionBuilder struct{ names []NameBuilder }

// NamesList is the attributes first and others.
//
//go:noinline
func NamesList(first NameBuilder, others ...NameBuilder) ProjectionBuilder {
	return ProjectionBuilder{append([]NameBuilder{first}, others...)}
}

// Builder gathers the expressions of one request.
type Builder struct {
	condition, filter ConditionBuilder
	key               KeyConditionBuilder
	update            *UpdateBuilder
	projection        *ProjectionBuilder
	unset             string // the first builder given before it was set
}

// NewBuilder is an empty Builder.
//
//go:noinline
func NewBuilder() Builder { return Builder{} }

func (b Builder) unsetIf(ok bool, what string) Builder {
	if !ok && b.unset == "" {
		b.unset = what
	}
	return b
}

// WithCondition is b with the condition c.
//
//go:noinline
func (b Builder) WithCondition(c ConditionBuilder) Builder {
	b.condition = c
	return b.unsetIf(c.IsSet(), "condition")
}

// WithFilter is b with the filter c.
//
//go:noinline
func (b Builder) WithFilter(c ConditionBuilder) Builder {
	b.filter = c
	return b.unsetIf(c.IsSet(), "filter")
}

// WithKeyCondition is b with the key condition k.
//
//go:noinline
func (b Builder) WithKeyCondition(k KeyConditionBuilder) Builder {
	b.key = k
	return b.unsetIf(k.c.IsSet(), "key condition")
}

// WithUpdate is b with the update u.
//
//go:noinline
func (b Builder) WithUpdate(u UpdateBuilder) Builder {
	b.update = &u
	return b.unsetIf(len(u.actions) > 0, "update")
}

// WithProjection is b with the projection p.
//
//go:noinline
func (b Builder) WithProjection(p ProjectionBuilder) Builder {
	b.projection = &p
	return b.unsetIf(len(p.names) > 0, "projection")
}

// Expression is the rendered expressions of a Builder, and the names and
// values their placeholders stand for.
type Expression struct {
	condition, filter, key, update, projection *string
	names                                      map[string]string
	values                                     map[string]types.AttributeValue
}

// Condition is the condition expression, or nil.
func (e Expression) Condition() *string { return e.condition }

// Filter is the filter expression, or nil.
func (e Expression) Filter() *string { return e.filter }

// KeyCondition is the key condition expression, or nil.
func (e Expression) KeyCondition() *string { return e.key }

// Update is the update expression, or nil.
func (e Expression) Update() *string { return e.update }

// Projection is the projection expression, or nil.
func (e Expression) Projection() *string { return e.projection }

// Names is the placeholders' attribute names, or nil when there are none.
func (e Expression) Names() map[string]string { return e.names }

// Values is the placeholders' values, or nil when there are none.
func (e Expression) Values() map[string]types.AttributeValue { return e.values }

// Build renders b's expressions.
//
//go:noinline
func (b Builder) Build() (Expression, error) {
	if b.unset != "" {
		return Expression{}, errors.New("ddb: the " + b.unset + " was given unset")
	}
	r := &renderer{names: map[string]string{}}
	var e Expression
	text := func(s string) *string { return &s }
	if b.condition.IsSet() {
		e.condition = text(r.cond(b.condition))
	}
	if b.filter.IsSet() {
		e.filter = text(r.cond(b.filter))
	}
	if b.key.c.IsSet() {
		e.key = text(r.cond(b.key.c))
	}
	if b.update != nil {
		e.update = text(r.update(*b.update))
	}
	if b.projection != nil {
		parts := make([]string, len(b.projection.names))
		for i, n := range b.projection.names {
			parts[i] = r.name(n.name)
		}
		e.projection = text(strings.Join(parts, ", "))
	}
	if r.err != nil {
		return Expression{}, r.err
	}
	if len(r.names) > 0 {
		e.names = make(map[string]string, len(r.names))
		for name, alias := range r.names {
			e.names[alias] = name
		}
	}
	e.values = r.values
	return e, nil
}

// renderer gives names and values their placeholders: one per name, one
// per value given.
type renderer struct {
	names  map[string]string // name → #n
	values map[string]types.AttributeValue
	err    error
}

func (r *renderer) name(name string) string {
	if name == "" {
		r.fail(errors.New("ddb: an attribute name is empty"))
	}
	alias, ok := r.names[name]
	if !ok {
		alias = "#" + strconv.Itoa(len(r.names))
		r.names[name] = alias
	}
	return alias
}

func (r *renderer) value(v any) string {
	av, err := Marshal(v)
	if err != nil {
		r.fail(err)
	}
	if r.values == nil {
		r.values = map[string]types.AttributeValue{}
	}
	alias := ":" + strconv.Itoa(len(r.values))
	r.values[alias] = av
	return alias
}

func (r *renderer) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

// format fills format's %0, %1 … with the operands rendered in order.
func (r *renderer) format(format string, operands []OperandBuilder) string {
	parts := make([]string, len(operands))
	for i, o := range operands {
		if o == nil {
			r.fail(errors.New("ddb: an operand is missing"))
			continue
		}
		parts[i] = o.render(r)
	}
	var sb strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] == '%' {
			j := i + 1
			for j < len(format) && format[j] >= '0' && format[j] <= '9' {
				j++
			}
			n, _ := strconv.Atoi(format[i+1 : j])
			sb.WriteString(parts[n])
			i = j - 1
			continue
		}
		sb.WriteByte(format[i])
	}
	return sb.String()
}

func (r *renderer) cond(c ConditionBuilder) string {
	if !c.IsSet() {
		r.fail(errors.New("ddb: a condition was given unset"))
		return ""
	}
	if c.c.conds == nil {
		return r.format(c.c.format, c.c.operands)
	}
	parts := make([]string, len(c.c.conds))
	for i, x := range c.c.conds {
		parts[i] = "(" + r.cond(x) + ")"
	}
	if len(parts) == 1 { // NOT
		return c.c.format + parts[0]
	}
	return strings.Join(parts, c.c.format)
}

func (r *renderer) update(u UpdateBuilder) string {
	var out []string
	for _, clause := range []string{"SET", "REMOVE", "ADD", "DELETE"} {
		var parts []string
		for _, a := range u.actions {
			if a.clause == clause {
				parts = append(parts, r.format(a.format, a.operand))
			}
		}
		if len(parts) > 0 {
			out = append(out, clause+" "+strings.Join(parts, ", "))
		}
	}
	return strings.Join(out, " ")
}
