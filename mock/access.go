package mock

import (
	"context"
	"fmt"
	"strings"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// Access control. A user logs in as itself and owns its mailbox. It reaches
// another mailbox's folders only through the folder permissions the owner
// granted (delegate access, Exchange's permission levels), or acts as
// another user through ExchangeImpersonation when it holds the impersonation
// right for that user (as ApplicationImpersonation gives).

// permLevel is an Exchange folder permission level.
type permLevel uint8

const (
	permNone permLevel = iota
	permOwner
	permPublishingEditor
	permEditor
	permPublishingAuthor
	permAuthor
	permNoneditingAuthor
	permReviewer
	permContributor
)

var permNames = map[string]permLevel{
	"none": permNone, "owner": permOwner, "publishingeditor": permPublishingEditor,
	"editor": permEditor, "publishingauthor": permPublishingAuthor, "author": permAuthor,
	"noneditingauthor": permNoneditingAuthor, "reviewer": permReviewer, "contributor": permContributor,
}

// parsePermLevel reads a permission level name, case-insensitively.
func parsePermLevel(s string) (permLevel, error) {
	if l, ok := permNames[strings.ToLower(strings.TrimSpace(s))]; ok {
		return l, nil
	}
	return 0, fmt.Errorf("unknown permission level %q (want None, Owner, PublishingEditor, Editor, PublishingAuthor, Author, NoneditingAuthor, Reviewer or Contributor)", s)
}

// scope says which items an edit or delete right covers.
type scope uint8

const (
	scopeNone scope = iota
	scopeOwned
	scopeAll
)

// rights are what a user may do in a folder.
type rights struct {
	visible, read, create, createSub, owner bool
	edit, del                               scope
}

// levelRights are the rights of each permission level, as Exchange defines
// them.
var levelRights = map[permLevel]rights{
	permNone:             {},
	permOwner:            {visible: true, read: true, create: true, createSub: true, owner: true, edit: scopeAll, del: scopeAll},
	permPublishingEditor: {visible: true, read: true, create: true, createSub: true, edit: scopeAll, del: scopeAll},
	permEditor:           {visible: true, read: true, create: true, edit: scopeAll, del: scopeAll},
	permPublishingAuthor: {visible: true, read: true, create: true, createSub: true, edit: scopeOwned, del: scopeOwned},
	permAuthor:           {visible: true, read: true, create: true, edit: scopeOwned, del: scopeOwned},
	permNoneditingAuthor: {visible: true, read: true, create: true, del: scopeOwned},
	permReviewer:         {visible: true, read: true},
	permContributor:      {visible: true, create: true},
}

// rightsOn returns the rights of the user of mailbox me on folder f. The
// owner of a mailbox has every right on its folders. The delegate
// operations change grants under s.mu held for writing; callers hold s.mu.
func rightsOn(me *mailbox, f *folder) rights {
	if f.mbx == me {
		return levelRights[permOwner]
	}
	l, ok := f.perms[me]
	if !ok {
		l = f.defaultPerm
	}
	return levelRights[l]
}

// need is a right an operation requires on a folder.
type need uint8

const (
	needVisible need = iota
	needRead
	needCreate
	needCreateSub
	needOwner
)

func (r rights) has(n need) bool {
	switch n {
	case needVisible:
		return r.visible
	case needRead:
		return r.read
	case needCreate:
		return r.create
	case needCreateSub:
		return r.createSub
	case needOwner:
		return r.owner
	}
	return false
}

// itemOp is what an operation does to an item.
type itemOp uint8

const (
	opRead itemOp = iota
	opEdit
	opDelete
)

// mayItem reports whether me may apply op to item it.
func mayItem(me *mailbox, it *item, op itemOp) bool {
	r := rightsOn(me, it.folder)
	owned := it.creator != nil && it.creator == me
	covers := func(s scope) bool { return s == scopeAll || (s == scopeOwned && owned) }
	switch op {
	case opRead:
		return r.read
	case opEdit:
		return covers(r.edit)
	case opDelete:
		return covers(r.del)
	}
	return false
}

var errAccessDenied = &errMsg{code: ews.ResponseCodeErrorAccessDenied, text: "Access is denied. Check credentials and try again."}

// checkFolder returns ErrorAccessDenied when me lacks n on f.
func checkFolder(me *mailbox, f *folder, n need) *errMsg {
	if rightsOn(me, f).has(n) {
		return nil
	}
	return errAccessDenied
}

// checkItem returns ErrorAccessDenied when me may not apply op to it.
func checkItem(me *mailbox, it *item, op itemOp) *errMsg {
	if mayItem(me, it, op) {
		return nil
	}
	return errAccessDenied
}

// effectiveRights is the EffectiveRights element of a folder or item as
// me sees it.
func effectiveRights(me *mailbox, f *folder, it *item) *ews.EffectiveRightsType {
	r := rightsOn(me, f)
	e := &ews.EffectiveRightsType{CreateAssociated: r.owner, CreateContents: r.create, CreateHierarchy: r.createSub, Read: r.read, ViewPrivateItems: ptr(r.owner)}
	if it == nil {
		e.Delete = r.owner
		e.Modify = r.owner
		return e
	}
	e.CreateAssociated, e.CreateContents, e.CreateHierarchy = false, false, false
	e.Modify = mayItem(me, it, opEdit)
	e.Delete = mayItem(me, it, opDelete)
	return e
}

type callerKey struct{}

// caller returns the mailbox of the authenticated user (the default
// mailbox when the server has no users).
func (s *Server) caller(ctx context.Context) *mailbox {
	if m, _ := ctx.Value(callerKey{}).(*mailbox); m != nil {
		return m
	}
	return s.defaultMbx
}

// actor returns the mailbox a request acts as: the caller's, or the one
// named by the ExchangeImpersonation header when the caller may
// impersonate it. Mailboxes and grants do not change once the server is
// built, so no lock is needed.
func (s *Server) actor(ctx context.Context) (*mailbox, error) {
	me := s.caller(ctx)
	h := requestHeader(ctx)
	if h == nil || h.ExchangeImpersonation == nil {
		return me, nil
	}
	sid := h.ExchangeImpersonation.ConnectingSID
	var who string
	switch {
	case sid == nil:
	case sid.PrimarySmtpAddress != nil:
		who = string(sid.PrimarySmtpAddress.Value)
	case sid.SmtpAddress != nil:
		who = string(sid.SmtpAddress.Value)
	case sid.PrincipalName != nil:
		who = string(sid.PrincipalName.Value)
	}
	if strings.TrimSpace(who) == "" {
		return nil, faultError("ErrorInvalidExchangeImpersonationHeaderData", "The impersonation header names no user by SMTP address or principal name.")
	}
	target := s.mailboxOfUser(who)
	if target == nil {
		return nil, faultError("ErrorNonExistentMailbox", "The SMTP address has no mailbox associated with it.")
	}
	if target != me && !me.impersonateAll && !me.mayImpersonate[target] {
		return nil, faultError("ErrorImpersonateUserDenied", "The account does not have permission to impersonate the requested user.")
	}
	return target, nil
}
