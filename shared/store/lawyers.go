package store

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/domain"
	"github.com/lawdesk/lawdesk/shared/store/internal/ddb"
)

// lawyerItem is a lawyer's public profile (sk LAWYER, in the directory
// partition GSI1 "DIR" by city). The same card, without the bio, is copied
// once per practice area into an area item (sk AREA#<area>) that the area
// indexes serve: GSI1 "AREA#<area>" by city then next open slot, GSI2
// "AREA#<area>" by next open slot. Matching reads only those, so its cost
// does not grow with the directory. Direct contact lives apart, in
// contactItem, so that no index ever holds it. Inactive lawyers carry no
// index keys at all.
type lawyerItem struct {
	PK           string     `dynamodbav:"pk"`
	SK           string     `dynamodbav:"sk"`
	Type         string     `dynamodbav:"type"`
	GSI1PK       string     `dynamodbav:"gsi1pk,omitempty"`
	GSI1SK       string     `dynamodbav:"gsi1sk,omitempty"`
	GSI2PK       string     `dynamodbav:"gsi2pk,omitempty"`
	GSI2SK       string     `dynamodbav:"gsi2sk,omitempty"`
	ID           string     `dynamodbav:"id"`
	FirmID       string     `dynamodbav:"firmId"`
	Name         string     `dynamodbav:"name"`
	Areas        []string   `dynamodbav:"areas"`
	City         string     `dynamodbav:"city"`
	Languages    []string   `dynamodbav:"languages"`
	Bio          string     `dynamodbav:"bio,omitempty"`
	LicenseNo    string     `dynamodbav:"licenseNo"`
	TimeZone     string     `dynamodbav:"timeZone"`
	HelpedCount  int        `dynamodbav:"helpedCount"`
	AnswerCount  int        `dynamodbav:"answerCount,omitempty"`
	RatingSum    int        `dynamodbav:"ratingSum,omitempty"`
	RatingCount  int        `dynamodbav:"ratingCount,omitempty"`
	Active       bool       `dynamodbav:"active"`
	CreatedAt    time.Time  `dynamodbav:"createdAt"`
	NextOpenSlot *time.Time `dynamodbav:"nextOpenSlot,omitempty"`
	NextMinutes  int        `dynamodbav:"nextOpenMinutes,omitempty"`
	// SlotsVersion (profile only) grows with every change to the lawyer's
	// slots or index; writes that depend on what they read condition on it.
	SlotsVersion int `dynamodbav:"slotsVersion,omitempty"`
}

type contactItem struct {
	PK    string `dynamodbav:"pk"`
	SK    string `dynamodbav:"sk"`
	Type  string `dynamodbav:"type"`
	Phone string `dynamodbav:"phone"`
	Email string `dynamodbav:"email,omitempty"`
}

func (i lawyerItem) domain() domain.Lawyer {
	l := domain.Lawyer{
		ID: i.ID, FirmID: i.FirmID, Name: i.Name, Areas: i.Areas, City: i.City, Languages: i.Languages,
		Bio: i.Bio, LicenseNo: i.LicenseNo, TimeZone: i.TimeZone, HelpedCount: i.HelpedCount,
		AnswerCount: i.AnswerCount, RatingSum: i.RatingSum, RatingCount: i.RatingCount, Active: i.Active, CreatedAt: i.CreatedAt, SlotsVersion: i.SlotsVersion,
	}
	if i.NextOpenSlot != nil {
		l.NextOpenSlot = &domain.Slot{LawyerID: i.ID, Start: *i.NextOpenSlot, Minutes: i.NextMinutes, Status: domain.SlotOpen}
	}
	return l
}

func profileItem(l domain.Lawyer) lawyerItem {
	it := lawyerItem{
		PK: lawyerPK(l.ID), SK: skLawyer, Type: typeLawyer, ID: l.ID, FirmID: l.FirmID, Name: l.Name,
		Areas: l.Areas, City: l.City, Languages: l.Languages, Bio: l.Bio, LicenseNo: l.LicenseNo,
		TimeZone: l.TimeZone, HelpedCount: l.HelpedCount, Active: l.Active, CreatedAt: l.CreatedAt.UTC(),
	}
	if l.Active {
		it.GSI1PK, it.GSI1SK = pkDirectory, cityIndexSK(domain.CityKey(l.City), l.ID)
		it.GSI2PK, it.GSI2SK = firmLawyersPK(l.FirmID), l.ID
	}
	return it
}

// FindFirmLawyers returns a firm's active lawyers (GSI2, one partition per
// firm).
func (s *Store) FindFirmLawyers(ctx context.Context, firmID string) ([]domain.Lawyer, error) {
	expr, err := ddb.NewBuilder().WithKeyCondition(ddb.Key("gsi2pk").Equal(ddb.Value(firmLawyersPK(firmID)))).Build()
	if err != nil {
		return nil, err
	}
	var out []domain.Lawyer
	err = queryEach(ctx, s, &dynamodb.QueryInput{
		IndexName: aws.String(gsi2), KeyConditionExpression: expr.KeyCondition(),
		ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(),
	}, func(it lawyerItem, _ map[string]types.AttributeValue) bool {
		out = append(out, it.domain())
		return true
	})
	return out, err
}

// areaItem is the card of l in the index of area.
func areaItem(l domain.Lawyer, area string) lawyerItem {
	it := profileItem(l)
	it.SK, it.Type, it.Bio = areaSK(area), typeLawyerArea, ""
	it.GSI1PK, it.GSI1SK, it.GSI2PK, it.GSI2SK = "", "", "", ""
	if l.NextOpenSlot != nil {
		start := l.NextOpenSlot.Start.UTC()
		it.NextOpenSlot, it.NextMinutes = &start, l.NextOpenSlot.Minutes
	}
	if l.Active {
		it.GSI1PK, it.GSI1SK, it.GSI2PK, it.GSI2SK = areaIndexKeys(area, l.City, l.ID, l.NextOpenSlot)
	}
	return it
}

// CreateLawyer stores a lawyer with its direct contact and one area item
// per practice area, in one transaction. Returns EInvalid if the firm does
// not exist and EConflict if the licence number is already registered.
func (s *Store) CreateLawyer(ctx context.Context, l domain.Lawyer, c domain.Contact) error {
	p := s.newPlan()
	if err := p.check("firm", firmPK(l.FirmID), skFirm, ddb.AttributeExists(ddb.Name("pk"))); err != nil {
		return err
	}
	puts := []struct {
		name string
		item any
	}{
		{"licence", licenseItem{PK: licensePK(l.LicenseNo), SK: skSingle, Type: typeLicense, LawyerID: l.ID}},
		{"lawyer", profileItem(l)},
		{"lawyer", contactItem{PK: lawyerPK(l.ID), SK: skLawyerContact, Type: typeLawyerContact, Phone: c.Phone, Email: c.Email}},
	}
	for _, a := range l.Areas {
		puts = append(puts, struct {
			name string
			item any
		}{"lawyer", areaItem(l, a)})
	}
	for _, it := range puts {
		if err := p.put(it.name, it.item); err != nil {
			return err
		}
	}
	cx, err := s.exec(ctx, p)
	switch {
	case cx.failed("firm"):
		return domain.Invalid("firmId", domain.CodeNotFound, "the firm does not exist", "no firm with this id")
	case cx.failed("licence"):
		return domain.Errorf(domain.EConflict, "a lawyer with licence number %s is already registered", l.LicenseNo)
	case cx.failed("lawyer"):
		return domain.Errorf(domain.EConflict, "lawyer %s exists", l.ID)
	}
	return err
}

type licenseItem struct {
	PK       string `dynamodbav:"pk"`
	SK       string `dynamodbav:"sk"`
	Type     string `dynamodbav:"type"`
	LawyerID string `dynamodbav:"lawyerId"`
}

// FindLawyerByID returns a lawyer's profile, without direct contact.
// Returns ENotFound.
func (s *Store) FindLawyerByID(ctx context.Context, id string) (domain.Lawyer, error) {
	var it lawyerItem
	if err := s.get(ctx, lawyerPK(id), skLawyer, &it, "no lawyer %s", id); err != nil {
		return domain.Lawyer{}, err
	}
	return it.domain(), nil
}

// FindLawyerContact returns a lawyer's direct phone and e-mail. Only the
// contact route may call it. Returns ENotFound.
func (s *Store) FindLawyerContact(ctx context.Context, id string) (domain.Contact, error) {
	var it contactItem
	if err := s.get(ctx, lawyerPK(id), skLawyerContact, &it, "no lawyer %s", id); err != nil {
		return domain.Contact{}, err
	}
	return domain.Contact{Phone: it.Phone, Email: it.Email}, nil
}

// FindLawyers lists active lawyers, optionally of one area and/or city,
// by city then age, through GSI1. Returns EInvalid for a bad cursor.
func (s *Store) FindLawyers(ctx context.Context, f domain.LawyerFilter) (domain.Page[domain.Lawyer], error) {
	pk := pkDirectory
	if f.Area != "" {
		pk = areaIndexPK(f.Area)
	}
	kc := ddb.Key("gsi1pk").Equal(ddb.Value(pk))
	if f.City != "" {
		kc = kc.And(ddb.Key("gsi1sk").BeginsWith(domain.CityKey(f.City) + "#"))
	}
	expr, err := ddb.NewBuilder().WithKeyCondition(kc).Build()
	if err != nil {
		return domain.Page[domain.Lawyer]{}, err
	}
	return queryPage[lawyerItem, domain.Lawyer](ctx, s, &dynamodb.QueryInput{
		IndexName:                 aws.String(gsi1),
		KeyConditionExpression:    expr.KeyCondition(),
		ExpressionAttributeNames:  expr.Names(),
		ExpressionAttributeValues: expr.Values(),
	}, "lawyers|"+f.Area+"|"+domain.CityKey(f.City), f.Cursor, f.Limit)
}

// UpdateLawyer writes a changed profile — bio, languages, active — to the
// profile and every area item in one transaction, conditioned on the
// version read. An inactive lawyer leaves every index at once (directory,
// areas, matching); becoming active again puts the cards back. Returns the
// updated lawyer, ENotFound.
func (s *Store) UpdateLawyer(ctx context.Context, id string, change func(domain.Lawyer) domain.Lawyer) (domain.Lawyer, error) {
	var out domain.Lawyer
	err := withVersionRetry(ctx, func() error {
		var p lawyerItem
		if err := s.get(ctx, lawyerPK(id), skLawyer, &p, "no lawyer %s", id); err != nil {
			return err
		}
		l := change(p.domain())
		prof := profileItem(l)
		upd := ddb.Set(ddb.Name("slotsVersion"), ddb.Value(p.SlotsVersion+1)).
			Set(ddb.Name("active"), ddb.Value(l.Active)).
			Set(ddb.Name("languages"), ddb.Value(l.Languages))
		upd = setOrRemove(upd, "bio", l.Bio)
		upd = setOrRemove(upd, "gsi1pk", prof.GSI1PK)
		upd = setOrRemove(upd, "gsi1sk", prof.GSI1SK)
		upd = setOrRemove(upd, "gsi2pk", prof.GSI2PK)
		upd = setOrRemove(upd, "gsi2sk", prof.GSI2SK)
		pl := s.newPlan()
		if err := pl.update("profile", lawyerPK(id), skLawyer, versionCond(p.SlotsVersion), upd); err != nil {
			return err
		}
		for _, area := range l.Areas {
			card := areaItem(l, area)
			upd := ddb.Set(ddb.Name("active"), ddb.Value(l.Active)).
				Set(ddb.Name("languages"), ddb.Value(l.Languages))
			for _, kv := range [][2]string{{"gsi1pk", card.GSI1PK}, {"gsi1sk", card.GSI1SK}, {"gsi2pk", card.GSI2PK}, {"gsi2sk", card.GSI2SK}} {
				upd = setOrRemove(upd, kv[0], kv[1])
			}
			if err := pl.update("card", lawyerPK(id), areaSK(area), ddb.AttributeExists(ddb.Name("pk")), upd); err != nil {
				return err
			}
		}
		c, err := s.exec(ctx, pl)
		if c.failed("profile") || c.conflict() {
			return errVersionMoved
		}
		out = l
		return err
	})
	return out, err
}

// setOrRemove sets name to v, or removes it when v is empty.
func setOrRemove(upd ddb.UpdateBuilder, name, v string) ddb.UpdateBuilder {
	if v == "" {
		return upd.Remove(ddb.Name(name))
	}
	return upd.Set(ddb.Name(name), ddb.Value(v))
}
