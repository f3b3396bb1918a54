package store

import (
	"context"

	"github.com/lawdesk/lawdesk/shared/store/internal/ddb"
)

// RunNamedUpdates runs, as one plan, an update of each named key
// (pk, "_") on condition that the item exists, and returns the names of
// the items whose condition failed (test hook for the plan builder).
func (s *Store) RunNamedUpdates(ctx context.Context, names, pks []string) ([]string, error) {
	p := s.newPlan()
	for i, name := range names {
		if err := p.update(name, pks[i], skSingle, ddb.AttributeExists(ddb.Name("pk")),
			ddb.Set(ddb.Name("n"), ddb.Value(1))); err != nil {
			return nil, err
		}
	}
	c, err := s.exec(ctx, p)
	return c.failedNames(), err
}

// PutTestItem puts a bare item with key (pk, "_").
func (s *Store) PutTestItem(ctx context.Context, pk string) error {
	p := s.newPlan()
	if err := p.put("item", map[string]string{"pk": pk, "sk": skSingle, "type": "test"}); err != nil {
		return err
	}
	_, err := s.exec(ctx, p)
	return err
}
