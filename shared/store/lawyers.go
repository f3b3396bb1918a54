package store

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/lawdesk/lawdesk/shared/domain"
)

// lawyerItem is a lawyer's public profile. The same shape is copied, once
// per practice area, into area items that the area index (GSI1
// "AREA#<area>") serves; the profile itself is in the directory partition
// (GSI1 "DIR"). Direct contact lives apart, in contactItem, so that no
// index ever holds it.
type lawyerItem struct {
	PK           string    `dynamodbav:"pk"`
	SK           string    `dynamodbav:"sk"`
	Type         string    `dynamodbav:"type"`
	GSI1PK       string    `dynamodbav:"gsi1pk,omitempty"`
	GSI1SK       string    `dynamodbav:"gsi1sk,omitempty"`
	ID           string    `dynamodbav:"id"`
	FirmID       string    `dynamodbav:"firmId"`
	Name         string    `dynamodbav:"name"`
	Areas        []string  `dynamodbav:"areas"`
	City         string    `dynamodbav:"city"`
	Languages    []string  `dynamodbav:"languages"`
	Bio          string    `dynamodbav:"bio,omitempty"`
	LicenseNo    string    `dynamodbav:"licenseNo"`
	TimeZone     string    `dynamodbav:"timeZone"`
	HelpedCount  int       `dynamodbav:"helpedCount"`
	Active       bool      `dynamodbav:"active"`
	CreatedAt    time.Time `dynamodbav:"createdAt"`
	SlotsVersion int       `dynamodbav:"slotsVersion,omitempty"`
}

type contactItem struct {
	PK    string `dynamodbav:"pk"`
	SK    string `dynamodbav:"sk"`
	Type  string `dynamodbav:"type"`
	Phone string `dynamodbav:"phone"`
	Email string `dynamodbav:"email,omitempty"`
}

func (i lawyerItem) domain() domain.Lawyer {
	return domain.Lawyer{
		ID: i.ID, FirmID: i.FirmID, Name: i.Name, Areas: i.Areas, City: i.City, Languages: i.Languages,
		Bio: i.Bio, LicenseNo: i.LicenseNo, TimeZone: i.TimeZone, HelpedCount: i.HelpedCount,
		Active: i.Active, CreatedAt: i.CreatedAt,
	}
}

func profileItem(l domain.Lawyer) lawyerItem {
	it := lawyerItem{
		PK: lawyerPK(l.ID), SK: skLawyer, Type: typeLawyer, ID: l.ID, FirmID: l.FirmID, Name: l.Name,
		Areas: l.Areas, City: l.City, Languages: l.Languages, Bio: l.Bio, LicenseNo: l.LicenseNo,
		TimeZone: l.TimeZone, HelpedCount: l.HelpedCount, Active: l.Active, CreatedAt: l.CreatedAt.UTC(),
	}
	if l.Active {
		it.GSI1PK, it.GSI1SK = pkDirectory, cityIndexSK(domain.CityKey(l.City), l.ID)
	}
	return it
}

// CreateLawyer stores a lawyer with its direct contact and one area item
// per practice area, in one transaction. Returns EInvalid if the firm does
// not exist and EConflict if the licence number is already registered.
func (s *Store) CreateLawyer(ctx context.Context, l domain.Lawyer) error {
	profile := profileItem(l)
	items := []any{
		licenseItem{PK: licensePK(l.LicenseNo), SK: skSingle, Type: typeLicense, LawyerID: l.ID},
		profile,
		contactItem{PK: lawyerPK(l.ID), SK: skLawyerContact, Type: typeLawyerContact, Phone: l.Phone, Email: l.Email},
	}
	for _, a := range l.Areas {
		it := profile
		it.SK, it.Type = areaSK(a), typeLawyerArea
		if l.Active {
			it.GSI1PK, it.GSI1SK = areaIndexPK(a), cityIndexSK(domain.CityKey(l.City), l.ID)
		}
		items = append(items, it)
	}
	tx := []types.TransactWriteItem{{ConditionCheck: &types.ConditionCheck{
		TableName:           &s.table,
		Key:                 key(firmPK(l.FirmID), skFirm),
		ConditionExpression: aws.String("attribute_exists(pk)"),
	}}}
	for _, it := range items {
		av, err := attributevalue.MarshalMap(it)
		if err != nil {
			return err
		}
		tx = append(tx, types.TransactWriteItem{Put: &types.Put{
			TableName:           &s.table,
			Item:                av,
			ConditionExpression: aws.String("attribute_not_exists(pk)"),
		}})
	}
	_, err := s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: tx})
	reasons := cancelReasons(err)
	switch {
	case failedAt(reasons, 0):
		return &domain.Error{Code: domain.EInvalid, Message: "the firm does not exist",
			Fields: map[string]string{"firmId": "no firm with this id"}}
	case failedAt(reasons, 1):
		return domain.Errorf(domain.EConflict, "a lawyer with licence number %s is already registered", l.LicenseNo)
	case reasons != nil && !transactionConflict(reasons):
		return domain.Errorf(domain.EConflict, "lawyer %s exists", l.ID)
	}
	return mapErr(err)
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
	if err := s.get(ctx, lawyerPK(id), skLawyer, &it); err != nil {
		return domain.Lawyer{}, err
	}
	if it.ID == "" {
		return domain.Lawyer{}, domain.Errorf(domain.ENotFound, "no lawyer %s", id)
	}
	return it.domain(), nil
}

// FindLawyerContact returns a lawyer's direct phone and e-mail. Only the
// contact route may call it. Returns ENotFound.
func (s *Store) FindLawyerContact(ctx context.Context, id string) (phone, email string, err error) {
	var it contactItem
	if err := s.get(ctx, lawyerPK(id), skLawyerContact, &it); err != nil {
		return "", "", err
	}
	if it.PK == "" {
		return "", "", domain.Errorf(domain.ENotFound, "no lawyer %s", id)
	}
	return it.Phone, it.Email, nil
}

// FindLawyers lists active lawyers, optionally of one area and/or city,
// by city then age, through GSI1. Returns EInvalid for a bad cursor.
func (s *Store) FindLawyers(ctx context.Context, f domain.LawyerFilter) (domain.Page[domain.Lawyer], error) {
	pk := pkDirectory
	if f.Area != "" {
		pk = areaIndexPK(f.Area)
	}
	kc := expression.Key("gsi1pk").Equal(expression.Value(pk))
	if f.City != "" {
		kc = kc.And(expression.Key("gsi1sk").BeginsWith(domain.CityKey(f.City) + "#"))
	}
	expr, err := expression.NewBuilder().WithKeyCondition(kc).Build()
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
