package ews_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/ewsgen/ewsgen/auth"
	"github.com/ewsgen/ewsgen/generated/ews"
	"github.com/ewsgen/ewsgen/mock"
)

// Example calls an EWS server (here the in-memory ewsmock) with the
// generated client: it creates an IM group and a contact, removes the
// contact from the group, and shows the typed error of removing it twice.
func Example() {
	srv, err := mock.New(mock.Options{User: "alice", Password: "secret"})
	if err != nil {
		panic(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	hc := &http.Client{Transport: auth.Basic("alice", "secret", nil, auth.AllowPlainHTTP())}
	c := ews.NewClient(ts.URL+"/EWS/Exchange.asmx", hc,
		ews.WithRequestServerVersion(ews.ExchangeVersionExchange2013))
	ctx := context.Background()

	group, err := c.AddImGroup(ctx, &ews.AddImGroup{DisplayName: "Friends"})
	if err != nil {
		panic(err)
	}
	contact, err := c.AddNewImContactToGroup(ctx, &ews.AddNewImContactToGroup{
		ImAddress: "sip:dave@example.com",
		GroupId:   group.ImGroup.ExchangeStoreId,
	})
	if err != nil {
		panic(err)
	}
	req := &ews.RemoveImContactFromGroup{
		ContactId: contact.Persona.PersonaId,
		GroupId:   group.ImGroup.ExchangeStoreId,
	}
	resp, err := c.RemoveImContactFromGroup(ctx, req)
	fmt.Println(resp.ResponseClass, err)

	_, err = c.RemoveImContactFromGroup(ctx, req)
	fmt.Println(errors.Is(err, ews.ResponseCodeErrorInvalidImContactId))
	var re *ews.ResponseError
	if errors.As(err, &re) {
		fmt.Println(re.Code, re.Message)
	}
	// Output:
	// Success <nil>
	// true
	// ErrorInvalidImContactId The IM contact is not in this IM group.
}
