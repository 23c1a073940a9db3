package mock

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// requestZone is the SerializableTimeZone of a GetUserAvailability request:
// the times of the request and of the answer are wall-clock times in it.
type requestZone struct{ tz *ews.SerializableTimeZone }

// changeAt returns the instant (as a wall-clock time in UTC fields) of a
// standard or daylight change in year y.
func changeAt(y int, c *ews.SerializableTimeZoneTime) time.Time {
	m := time.Month(c.Month)
	wd := time.Sunday
	for d := time.Sunday; d <= time.Saturday; d++ {
		if string(c.DayOfWeek) == d.String() {
			wd = d
		}
	}
	var days []int
	for d := 1; d <= daysIn(y, m); d++ {
		if time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Weekday() == wd {
			days = append(days, d)
		}
	}
	day := days[len(days)-1]
	if n := int(c.DayOrder); n >= 1 && n <= len(days) && n < 5 {
		day = days[n-1]
	}
	var hh, mm, ss int
	parts := strings.Split(c.Time, ":")
	for i, p := range parts {
		n := 0
		for _, ch := range p {
			if ch >= '0' && ch <= '9' {
				n = n*10 + int(ch-'0')
			}
		}
		switch i {
		case 0:
			hh = n
		case 1:
			mm = n
		case 2:
			ss = n
		}
	}
	return time.Date(y, m, day, hh, mm, ss, 0, time.UTC)
}

// bias returns the minutes to add to a wall-clock time (given in UTC
// fields) to get UTC.
func (z requestZone) bias(wall time.Time) time.Duration {
	if z.tz == nil {
		return 0
	}
	b := time.Duration(z.tz.Bias) * time.Minute
	st, dt := z.tz.StandardTime, z.tz.DaylightTime
	if st == nil || dt == nil || st.Month == 0 || dt.Month == 0 {
		if st != nil {
			b += time.Duration(st.Bias) * time.Minute
		}
		return b
	}
	ds, de := changeAt(wall.Year(), dt), changeAt(wall.Year(), st)
	in := !wall.Before(ds) && wall.Before(de)
	if ds.After(de) {
		in = !wall.Before(ds) || wall.Before(de)
	}
	if in {
		return b + time.Duration(dt.Bias)*time.Minute
	}
	return b + time.Duration(st.Bias)*time.Minute
}

// toUTC reads a request time: with a zone it is an instant; without, a
// wall-clock time in the request's zone.
func (z requestZone) toUTC(v ews.XSDateTime) time.Time {
	if v.Zone != "" {
		return v.Time().UTC()
	}
	wall := time.Date(v.Year, time.Month(v.Month), v.Day, v.Hour, v.Minute, v.Second, 0, time.UTC)
	return wall.Add(z.bias(wall))
}

// out writes an instant as a wall-clock time in the request's zone, without
// zone, as Exchange writes availability times.
func (z requestZone) out(t time.Time) ews.XSDateTime {
	t = t.UTC()
	wall := t.Add(-z.bias(t))
	wall = t.Add(-z.bias(wall))
	x := ews.XSDateTimeOf(wall)
	x.Zone = ""
	return x
}

// freeBusyCode is the MergedFreeBusy digit of a status.
var freeBusyCode = map[ews.LegacyFreeBusyType]byte{
	ews.LegacyFreeBusyFree: '0', ews.LegacyFreeBusyTentative: '1', ews.LegacyFreeBusyBusy: '2',
	ews.LegacyFreeBusyOOF: '3', ews.LegacyFreeBusyWorkingElsewhere: '4', ews.LegacyFreeBusyNoData: '5',
}

// freeBusyRank orders statuses when events overlap in a merged slot.
var freeBusyRank = map[byte]int{'0': 0, '4': 1, '1': 2, '2': 3, '3': 4}

// GetUserAvailability answers free/busy from the calendars of the
// requested mailboxes (recurring series expanded): the events of the time
// window, and for the merged views one digit per interval (0 free,
// 1 tentative, 2 busy, 3 away, 4 working elsewhere). Meeting time
// suggestions are not offered: a request without FreeBusyViewOptions gets
// an ErrorInvalidRequest fault.
func (s *Server) GetUserAvailability(ctx context.Context, req *ews.GetUserAvailabilityRequest) (*ews.GetUserAvailabilityResponse, error) {
	if _, err := s.actor(ctx); err != nil {
		return nil, err
	}
	opts := req.FreeBusyViewOptions
	if opts == nil || opts.TimeWindow == nil {
		return nil, faultError("ErrorInvalidRequest", "FreeBusyViewOptions with a TimeWindow is required: suggestions are not offered by this server.")
	}
	if req.MailboxDataArray == nil || len(req.MailboxDataArray.MailboxData) == 0 {
		return nil, faultError("ErrorInvalidRequest", "MailboxDataArray names no mailbox.")
	}
	if len(req.MailboxDataArray.MailboxData) > 100 {
		return nil, faultError("ErrorInvalidRequest", "The allowed size = 100; the actual size = "+strconv.Itoa(len(req.MailboxDataArray.MailboxData))+".")
	}
	z := requestZone{req.TimeZone}
	from, to := z.toUTC(opts.TimeWindow.StartTime), z.toUTC(opts.TimeWindow.EndTime)
	if !to.After(from) || to.Sub(from) > 62*24*time.Hour {
		return nil, faultError("ErrorInvalidTimeInterval", "The time window must end after it starts and span at most 62 days.")
	}
	interval := 30 * time.Minute
	if opts.MergedFreeBusyIntervalInMinutes != nil && *opts.MergedFreeBusyIntervalInMinutes >= 5 {
		interval = time.Duration(*opts.MergedFreeBusyIntervalInMinutes) * time.Minute
	}
	view := ews.FreeBusyViewTypeItemFreeBusy
	if opts.RequestedView != nil && len(*opts.RequestedView) > 0 {
		view = (*opts.RequestedView)[0]
	}
	merged := view == ews.FreeBusyViewTypeItemFreeBusyMerged || view == ews.FreeBusyViewTypeItemDetailedMerged || view == ews.FreeBusyViewTypeItemMergedOnly
	detailed := view == ews.FreeBusyViewTypeItemDetailed || view == ews.FreeBusyViewTypeItemDetailedMerged
	resp := &ews.GetUserAvailabilityResponse{FreeBusyResponseArray: &ews.ArrayOfFreeBusyResponse{}}
	for _, md := range req.MailboxDataArray.MailboxData {
		fr := ews.FreeBusyResponseType{ResponseMessage: &ews.ResponseMessageType{}}
		var m *mailbox
		if md.Email != nil {
			m = s.mailboxOfUser(md.Email.Address)
		}
		if m == nil {
			setResult(fr.ResponseMessage, &errMsg{code: ews.ResponseCodeErrorMailRecipientNotFound, text: "No mailbox has this SMTP address."})
			resp.FreeBusyResponseArray.FreeBusyResponse = append(resp.FreeBusyResponseArray.FreeBusyResponse, fr)
			continue
		}
		setResult(fr.ResponseMessage, nil)
		fv := &ews.FreeBusyView{FreeBusyViewType: ews.FreeBusyViewType{view}}
		var events []ews.CalendarEvent
		var slots []byte
		if merged {
			n := int((to.Sub(from) + interval - 1) / interval)
			slots = []byte(strings.Repeat("0", n))
		}
		s.locked(true, func() {
			for _, in := range s.calendarInstances(m.dist["calendar"], from, to) {
				v := in.it.v
				st, _ := timeOf(v, "Start")
				en, ok := timeOf(v, "End")
				if !ok {
					en = st
				}
				busy := ews.LegacyFreeBusyBusy
				if f := field(v, "LegacyFreeBusyStatus"); isSet(f) {
					busy = f.Elem().Interface().(ews.LegacyFreeBusyType)
				}
				if busy == ews.LegacyFreeBusyFree || busy == ews.LegacyFreeBusyNoData {
					continue
				}
				ev := ews.CalendarEvent{StartTime: z.out(st), EndTime: z.out(en), BusyType: busy}
				if detailed {
					d := &ews.CalendarEventDetails{ID: ptr(in.it.id)}
					if f := field(v, "Subject"); isSet(f) {
						d.Subject = ptr(f.Elem().String())
					}
					if f := field(v, "Location"); isSet(f) {
						d.Location = ptr(f.Elem().String())
					}
					flag := func(n string) bool { f := field(v, n); return isSet(f) && f.Elem().Bool() }
					d.IsMeeting, d.IsRecurring, d.IsReminderSet = flag("IsMeeting"), flag("IsRecurring"), flag("ReminderIsSet")
					if f := field(v, "CalendarItemType"); isSet(f) {
						d.IsException = f.Elem().Interface().(ews.CalendarItemTypeType) == ews.CalendarItemTypeException
					}
					if f := field(v, "Sensitivity"); isSet(f) {
						d.IsPrivate = f.Elem().Interface().(ews.SensitivityChoicesType) == ews.SensitivityChoicesPrivate
					}
					ev.CalendarEventDetails = d
				}
				events = append(events, ev)
				for i := range slots {
					ss := from.Add(time.Duration(i) * interval)
					if st.Before(ss.Add(interval)) && en.After(ss) {
						c := freeBusyCode[busy]
						if freeBusyRank[c] > freeBusyRank[slots[i]] {
							slots[i] = c
						}
					}
				}
			}
		})
		if merged {
			fv.MergedFreeBusy = ptr(string(slots))
		}
		if view != ews.FreeBusyViewTypeItemMergedOnly && len(events) > 0 {
			fv.CalendarEventArray = &ews.ArrayOfCalendarEvent{CalendarEvent: events}
		}
		tz := req.TimeZone
		if tz == nil {
			tz = &ews.SerializableTimeZone{StandardTime: &ews.SerializableTimeZoneTime{Time: "02:00:00", DayOrder: 1, Month: 1, DayOfWeek: ews.DayOfWeekSunday}, DaylightTime: &ews.SerializableTimeZoneTime{Time: "02:00:00", DayOrder: 1, Month: 1, DayOfWeek: ews.DayOfWeekSunday}}
		}
		fv.WorkingHours = &ews.WorkingHours{TimeZone: copyAny(tz), WorkingPeriodArray: &ews.ArrayOfWorkingPeriod{WorkingPeriod: []ews.WorkingPeriod{{
			DayOfWeek: ews.DaysOfWeekType{ews.DayOfWeekMonday, ews.DayOfWeekTuesday, ews.DayOfWeekWednesday, ews.DayOfWeekThursday, ews.DayOfWeekFriday}, StartTimeInMinutes: 480, EndTimeInMinutes: 1020}}}}
		fr.FreeBusyView = fv
		resp.FreeBusyResponseArray.FreeBusyResponse = append(resp.FreeBusyResponseArray.FreeBusyResponse, fr)
	}
	return resp, nil
}
