package mock

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// ResolveNames resolves a name or address against the directory (the
// server's mailboxes) and the contacts of the mailbox.
func (s *Server) ResolveNames(ctx context.Context, req *ews.ResolveNames) (*ews.ResolveNamesResponse, error) {
	mbx, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	entry := strings.TrimSpace(string(req.UnresolvedEntry))
	if i := strings.IndexByte(entry, ':'); i > 0 && strings.EqualFold(entry[:i], "smtp") {
		entry = entry[i+1:]
	}
	q := strings.ToLower(entry)
	scope := ews.ResolveNamesSearchScopeActiveDirectoryContacts
	if req.SearchScope != nil {
		scope = *req.SearchScope
	}
	var res []ews.ResolutionType
	if scope != ews.ResolveNamesSearchScopeActiveDirectory {
		contacts := mbx.dist["contacts"]
		for _, it := range s.itemsIn(contacts) {
			if it.elem != "Contact" {
				continue
			}
			name := ""
			if f := field(it.v, "DisplayName"); isSet(f) {
				name = f.Elem().String()
			}
			var addr string
			if ea := field(it.v, "EmailAddresses"); isSet(ea) {
				for _, e := range ea.Elem().Interface().(ews.EmailAddressDictionaryType).Entry {
					if addr == "" {
						addr = e.Value
					}
				}
			}
			if !nameMatches(q, name, addr) {
				continue
			}
			r := ews.ResolutionType{Mailbox: &ews.EmailAddressType{Name: ptr(name), EmailAddress: ptr(ews.NonEmptyStringType(addr)), RoutingType: ptr(ews.NonEmptyStringType("SMTP")), MailboxType: ptr(ews.MailboxTypeContact), ItemId: &ews.ItemIdType{Id: it.id, ChangeKey: ptr(it.changeKey())}}}
			if req.ReturnFullContactData {
				r.Contact = project(it.v, nil).Interface().(*ews.ContactItemType)
			}
			res = append(res, r)
		}
	}
	if scope != ews.ResolveNamesSearchScopeContacts {
		for _, m := range s.mailboxOrder {
			if !nameMatches(q, m.name, m.smtp) {
				continue
			}
			r := ews.ResolutionType{Mailbox: &ews.EmailAddressType{Name: ptr(m.name), EmailAddress: ptr(ews.NonEmptyStringType(m.smtp)), RoutingType: ptr(ews.NonEmptyStringType("SMTP")), MailboxType: ptr(ews.MailboxTypeMailbox)}}
			if req.ReturnFullContactData {
				given, sur, _ := strings.Cut(m.name, " ")
				r.Contact = &ews.ContactItemType{
					DisplayName:    ptr(m.name),
					GivenName:      ptr(given),
					Surname:        ptr(sur),
					EmailAddresses: &ews.EmailAddressDictionaryType{Entry: []ews.EmailAddressDictionaryEntryType{{Key: ews.EmailAddressKeyEmailAddress1, Value: "SMTP:" + m.smtp}}},
					ContactSource:  ptr(ews.ContactSourceActiveDirectory),
				}
			}
			res = append(res, r)
		}
		res = append(res, s.resolveDLs(q)...)
	}
	resp := &ews.ResolveNamesResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{}}
	msg := &ews.ResolveNamesResponseMessageType{}
	resp.ResponseMessages.Items = append(resp.ResponseMessages.Items, msg)
	switch {
	case len(res) == 0:
		setResult(msg, fail(ews.ResponseCodeErrorNameResolutionNoResults))
		return resp, nil
	case len(res) > 1:
		setResult(msg, fail(ews.ResponseCodeErrorNameResolutionMultipleResults))
	default:
		setResult(msg, nil)
	}
	n := int32(len(res))
	msg.ResolutionSet = &ews.ArrayOfResolutionType{TotalItemsInView: &n, IncludesLastItemInRange: ptr(true), Resolution: res}
	return resp, nil
}

// nameMatches is ambiguous name resolution, simplified: the query is the
// address, a prefix of its local part, or a prefix of a word of the name.
func nameMatches(q, name, addr string) bool {
	if q == "" {
		return false
	}
	addr = strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(addr, "SMTP:"), "smtp:"))
	if q == addr {
		return true
	}
	if !strings.Contains(q, "@") {
		if local, _, _ := strings.Cut(addr, "@"); local != "" && strings.HasPrefix(local, q) {
			return true
		}
	}
	name = strings.ToLower(name)
	if name != "" && strings.HasPrefix(name, q) {
		return true
	}
	for _, w := range strings.Fields(name) {
		if strings.HasPrefix(w, q) {
			return true
		}
	}
	return false
}

// timeZones are the zones GetServerTimeZones knows: id, display name,
// standard bias, daylight bias (in EWS form: minutes added to local time
// give UTC), and the daylight rule (month, occurrence; back month,
// occurrence), zero when the zone has no daylight time.
var timeZones = []struct {
	id, name       string
	std, dlt       string
	startM, startW int
	endM, endW     int
}{
	{"UTC", "(UTC) Coordinated Universal Time", "PT0H", "", 0, 0, 0, 0},
	{"GMT Standard Time", "(UTC+00:00) Dublin, Edinburgh, Lisbon, London", "PT0H", "-PT1H", 3, 5, 10, 5},
	{"W. Europe Standard Time", "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "-PT1H", "-PT2H", 3, 5, 10, 5},
	{"Romance Standard Time", "(UTC+01:00) Brussels, Copenhagen, Madrid, Paris", "-PT1H", "-PT2H", 3, 5, 10, 5},
	{"Eastern Standard Time", "(UTC-05:00) Eastern Time (US &amp; Canada)", "PT5H", "PT4H", 3, 2, 11, 1},
	{"Central Standard Time", "(UTC-06:00) Central Time (US &amp; Canada)", "PT6H", "PT5H", 3, 2, 11, 1},
	{"Pacific Standard Time", "(UTC-08:00) Pacific Time (US &amp; Canada)", "PT8H", "PT7H", 3, 2, 11, 1},
	{"Tokyo Standard Time", "(UTC+09:00) Osaka, Sapporo, Tokyo", "-PT9H", "", 0, 0, 0, 0},
	{"India Standard Time", "(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi", "-PT5H30M", "", 0, 0, 0, 0},
	{"AUS Eastern Standard Time", "(UTC+10:00) Canberra, Melbourne, Sydney", "-PT10H", "-PT11H", 10, 1, 4, 1},
}

var (
	tzOnce sync.Once
	tzDefs []ews.TimeZoneDefinitionType
	tzErr  error
)

// timeZoneDefinitions decodes the definitions, written as Exchange writes
// them, once.
func timeZoneDefinitions() ([]ews.TimeZoneDefinitionType, error) {
	tzOnce.Do(func() {
		var b strings.Builder
		b.WriteString(`<m:GetServerTimeZonesResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages><m:GetServerTimeZonesResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:TimeZoneDefinitions>`)
		for _, z := range timeZones {
			rule := "trule:Microsoft/Registry/" + z.id + "/1-"
			fmt.Fprintf(&b, `<t:TimeZoneDefinition Id="%s" Name="%s"><t:Periods><t:Period Bias="%s" Name="Standard" Id="%sStandard"/>`, z.id, z.name, z.std, rule)
			if z.dlt != "" {
				fmt.Fprintf(&b, `<t:Period Bias="%s" Name="Daylight" Id="%sDaylight"/>`, z.dlt, rule)
			}
			b.WriteString(`</t:Periods><t:TransitionsGroups><t:TransitionsGroup Id="0">`)
			if z.dlt == "" {
				fmt.Fprintf(&b, `<t:Transition><t:To Kind="Period">%sStandard</t:To></t:Transition>`, rule)
			} else {
				fmt.Fprintf(&b, `<t:RecurringDayTransition><t:To Kind="Period">%sDaylight</t:To><t:TimeOffset>PT2H</t:TimeOffset><t:Month>%d</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek><t:Occurrence>%d</t:Occurrence></t:RecurringDayTransition>`, rule, z.startM, occ(z.startW))
				fmt.Fprintf(&b, `<t:RecurringDayTransition><t:To Kind="Period">%sStandard</t:To><t:TimeOffset>PT3H</t:TimeOffset><t:Month>%d</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek><t:Occurrence>%d</t:Occurrence></t:RecurringDayTransition>`, rule, z.endM, occ(z.endW))
			}
			b.WriteString(`</t:TransitionsGroup></t:TransitionsGroups><t:Transitions><t:Transition><t:To Kind="Group">0</t:To></t:Transition></t:Transitions></t:TimeZoneDefinition>`)
		}
		b.WriteString(`</m:TimeZoneDefinitions></m:GetServerTimeZonesResponseMessage></m:ResponseMessages></m:GetServerTimeZonesResponse>`)
		var r ews.GetServerTimeZonesResponse
		if tzErr = ews.Unmarshal([]byte(b.String()), &r); tzErr != nil {
			return
		}
		tzDefs = r.ResponseMessages.Items[0].(*ews.GetServerTimeZonesResponseMessageType).TimeZoneDefinitions.TimeZoneDefinition
	})
	return tzDefs, tzErr
}

// occ turns "last" (5) into EWS's -1 occurrence.
func occ(w int) int {
	if w == 5 {
		return -1
	}
	return w
}

// GetServerTimeZones returns the time zone definitions (all, or those
// named).
func (s *Server) GetServerTimeZones(ctx context.Context, req *ews.GetServerTimeZones) (*ews.GetServerTimeZonesResponse, error) {
	if _, err := s.actor(ctx); err != nil {
		return nil, err
	}
	defs, err := timeZoneDefinitions()
	if err != nil {
		return nil, err
	}
	full := req.ReturnFullTimeZoneData == nil || *req.ReturnFullTimeZoneData
	msg := &ews.GetServerTimeZonesResponseMessageType{TimeZoneDefinitions: &ews.ArrayOfTimeZoneDefinitionType{}}
	setResult(msg, nil)
	for _, d := range defs {
		if req.Ids != nil {
			found := false
			for _, id := range req.Ids.Id {
				found = found || id == *d.Id
			}
			if !found {
				continue
			}
		}
		d = copyAny(d)
		if !full {
			d = ews.TimeZoneDefinitionType{Id: d.Id, Name: d.Name}
		}
		msg.TimeZoneDefinitions.TimeZoneDefinition = append(msg.TimeZoneDefinitions.TimeZoneDefinition, d)
	}
	return &ews.GetServerTimeZonesResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: []ews.ArrayOfResponseMessagesTypeChoice{msg}}}, nil
}

// The sync state of SyncFolderItems is the list of items the client knows
// in the folder, with their versions: base64 of varints (sequence, version)
// after a "S1" marker.

func encodeSyncState(known map[int64]int) string {
	b := []byte("S1")
	for seq, ver := range known {
		b = binary.AppendVarint(b, seq)
		b = binary.AppendVarint(b, int64(ver))
	}
	return base64.StdEncoding.EncodeToString(b)
}

func decodeSyncState(st string) (map[int64]int, bool) {
	known := map[int64]int{}
	if st == "" {
		return known, true
	}
	b, err := base64.StdEncoding.DecodeString(st)
	if err != nil || len(b) < 2 || string(b[:2]) != "S1" {
		return nil, false
	}
	b = b[2:]
	for len(b) > 0 {
		seq, n := binary.Varint(b)
		if n <= 0 {
			return nil, false
		}
		b = b[n:]
		ver, n := binary.Varint(b)
		if n <= 0 {
			return nil, false
		}
		b = b[n:]
		known[seq] = int(ver)
	}
	return known, true
}

// SyncFolderItems returns the changes of a folder's items since a sync
// state: creates, updates and deletes, at most MaxChangesReturned. The
// caller needs the ReadItems right on the folder.
func (s *Server) SyncFolderItems(ctx context.Context, req *ews.SyncFolderItems) (*ews.SyncFolderItemsResponse, error) {
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	if req.Ignore != nil {
		if err := s.checkBatch(len(req.Ignore.Items)); err != nil {
			return nil, err
		}
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	msg := &ews.SyncFolderItemsResponseMessageType{}
	resp := &ews.SyncFolderItemsResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: []ews.ArrayOfResponseMessagesTypeChoice{msg}}}
	f, err := s.folderFor(me, req.SyncFolderId, needRead)
	if err != nil {
		setResult(msg, err)
		return resp, nil
	}
	st := ""
	if req.SyncState != nil {
		st = *req.SyncState
	}
	known, ok := decodeSyncState(st)
	if !ok {
		setResult(msg, fail(ews.ResponseCodeErrorInvalidSyncStateData))
		return resp, nil
	}
	max := int(req.MaxChangesReturned)
	if max <= 0 {
		max = 512
	}
	ignore := map[string]bool{}
	if req.Ignore != nil {
		for _, x := range req.Ignore.Items {
			if id, ok := x.(*ews.ItemIdType); ok {
				ignore[id.Id] = true
			}
		}
	}
	changes := &ews.SyncFolderItemsChangesType{}
	current := map[int64]bool{}
	n := 0
	more := false
	for _, it := range s.itemsIn(f) {
		current[it.seq] = true
		ver, had := known[it.seq]
		if had && ver == it.ver {
			continue
		}
		if n == max {
			more = true
			continue
		}
		known[it.seq] = it.ver
		if ignore[it.id] {
			continue
		}
		n++
		cu := &ews.SyncFolderItemsCreateOrUpdateType{}
		out := reflect.ValueOf(s.itemOut(me, it, req.ItemShape, true))
		setField(reflect.ValueOf(cu), it.elem, out.Interface())
		if had {
			changes.Items = append(changes.Items, (*ews.SyncFolderItemsChangesTypeChoiceUpdate)(cu))
		} else {
			changes.Items = append(changes.Items, (*ews.SyncFolderItemsChangesTypeChoiceCreate)(cu))
		}
	}
	for seq := range known {
		if current[seq] {
			continue
		}
		if n == max {
			more = true
			break
		}
		n++
		id := s.seqID[seq]
		delete(known, seq)
		changes.Items = append(changes.Items, &ews.SyncFolderItemsDeleteType{ItemId: &ews.ItemIdType{Id: id}})
	}
	setResult(msg, nil)
	msg.SyncState = ptr(encodeSyncState(known))
	msg.IncludesLastItemInRange = ptr(!more)
	msg.Changes = changes
	return resp, nil
}
