package mock

import (
	"context"
	"reflect"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // IANA zones for recurring series, whatever the host has

	"github.com/ewsgen/ewsgen/generated/ews"
)

// service is what the handler serves: the Server, with the calendar
// operations (CalendarView expansion of recurring series, occurrence ids,
// meeting invitations and responses) layered over the item operations.
func (s *Server) service() ews.Service { return calendarService{s} }

// calendarService serves the Server's operations; the methods it defines
// handle recurring series and meetings first.
type calendarService struct{ *Server }

// calState is the server's calendar and settings state. It is guarded by
// s.mu.
type calState struct {
	series map[*item]*series  // by recurring master
	occOf  map[string]*occRef // by occurrence (or exception) item id

	oof       map[*mailbox]*ews.UserOofSettings
	delegates map[*mailbox][]*delegate
	deliver   map[*mailbox]ews.DeliverMeetingRequestsType
	configs   map[*folder]map[string]*ews.UserConfigurationType
	configIDs map[string]bool
	rules     map[*mailbox][]ews.RuleType
	ruleSeq   int

	passwordSet map[*mailbox]time.Time
}

func (c *calState) init() {
	if c.series != nil {
		return
	}
	c.series = map[*item]*series{}
	c.occOf = map[string]*occRef{}
	c.oof = map[*mailbox]*ews.UserOofSettings{}
	c.delegates = map[*mailbox][]*delegate{}
	c.deliver = map[*mailbox]ews.DeliverMeetingRequestsType{}
	c.configs = map[*folder]map[string]*ews.UserConfigurationType{}
	c.configIDs = map[string]bool{}
	c.rules = map[*mailbox][]ews.RuleType{}
	c.passwordSet = map[*mailbox]time.Time{}
}

// series is the state of a recurring master: the occurrences that have ids
// (by instance index, 1-based as Exchange's InstanceIndex) and the deleted
// ones, with their original start.
type series struct {
	occ     map[int32]*item
	deleted map[int32]time.Time
}

// occRef ties an occurrence item to its master.
type occRef struct {
	master *item
	index  int32
	start  time.Time // original start
}

// maxExpansionDays bounds how far a series is expanded (days after its
// first date): about 30 years.
const maxExpansionDays = 11000

// windowsZones maps Windows time zone ids, which EWS uses, to IANA zones.
var windowsZones = map[string]string{
	"UTC": "UTC", "Coordinated Universal Time": "UTC", "GMT Standard Time": "Europe/London",
	"Greenwich Standard Time": "Atlantic/Reykjavik", "W. Europe Standard Time": "Europe/Berlin",
	"Central Europe Standard Time": "Europe/Budapest", "Romance Standard Time": "Europe/Paris",
	"Central European Standard Time": "Europe/Warsaw", "E. Europe Standard Time": "Europe/Chisinau",
	"FLE Standard Time": "Europe/Kiev", "GTB Standard Time": "Europe/Bucharest",
	"Russian Standard Time": "Europe/Moscow", "Turkey Standard Time": "Europe/Istanbul",
	"Eastern Standard Time": "America/New_York", "Central Standard Time": "America/Chicago",
	"Mountain Standard Time": "America/Denver", "US Mountain Standard Time": "America/Phoenix",
	"Pacific Standard Time": "America/Los_Angeles", "Alaskan Standard Time": "America/Anchorage",
	"Hawaiian Standard Time": "Pacific/Honolulu", "Atlantic Standard Time": "America/Halifax",
	"Newfoundland Standard Time": "America/St_Johns", "E. South America Standard Time": "America/Sao_Paulo",
	"Argentina Standard Time": "America/Argentina/Buenos_Aires", "Tokyo Standard Time": "Asia/Tokyo",
	"China Standard Time": "Asia/Shanghai", "Singapore Standard Time": "Asia/Singapore",
	"India Standard Time": "Asia/Kolkata", "Arabian Standard Time": "Asia/Dubai",
	"Israel Standard Time": "Asia/Jerusalem", "Korea Standard Time": "Asia/Seoul",
	"Taipei Standard Time": "Asia/Taipei", "SE Asia Standard Time": "Asia/Bangkok",
	"AUS Eastern Standard Time": "Australia/Sydney", "E. Australia Standard Time": "Australia/Brisbane",
	"Cen. Australia Standard Time": "Australia/Adelaide", "W. Australia Standard Time": "Australia/Perth",
	"New Zealand Standard Time": "Pacific/Auckland", "South Africa Standard Time": "Africa/Johannesburg",
	"Egypt Standard Time": "Africa/Cairo", "Mexico Standard Time": "America/Mexico_City",
	"Central Standard Time (Mexico)": "America/Mexico_City", "Canada Central Standard Time": "America/Regina",
}

// zone turns wall-clock times of a series into instants.
type zone interface {
	at(y int, m time.Month, d, hh, mm, ss int) time.Time
	local(t time.Time) time.Time // t with its wall clock in the zone (location may be fixed)
}

type ianaZone struct{ loc *time.Location }

func (z ianaZone) at(y int, m time.Month, d, hh, mm, ss int) time.Time {
	return time.Date(y, m, d, hh, mm, ss, 0, z.loc).UTC()
}
func (z ianaZone) local(t time.Time) time.Time { return t.In(z.loc) }

// ruleZone is a zone given by EWS bias rules (MeetingTimeZone, Exchange
// 2007): UTC = local + bias, with a standard and a daylight change.
type ruleZone struct {
	base     time.Duration
	std, dlt *ews.TimeChangeType
}

func (z ruleZone) biasAt(y int, m time.Month, d, hh, mm int) time.Duration {
	std, _ := z.std.Offset.Duration()
	if z.dlt == nil || z.dlt.RelativeYearlyRecurrence == nil || z.std.RelativeYearlyRecurrence == nil {
		return z.base + std
	}
	dlt, _ := z.dlt.Offset.Duration()
	wall := time.Date(y, m, d, hh, mm, 0, 0, time.UTC)
	change := func(tc *ews.TimeChangeType) time.Time {
		r := tc.RelativeYearlyRecurrence
		day := relativeDay(y, monthOf(r.Month), r.DaysOfWeek, r.DayOfWeekIndex)
		return time.Date(y, monthOf(r.Month), day, tc.Time.Hour, tc.Time.Minute, 0, 0, time.UTC)
	}
	ds, de := change(z.dlt), change(z.std)
	in := !wall.Before(ds) && wall.Before(de)
	if ds.After(de) { // southern hemisphere
		in = !wall.Before(ds) || wall.Before(de)
	}
	if in {
		return z.base + dlt
	}
	return z.base + std
}

func (z ruleZone) at(y int, m time.Month, d, hh, mm, ss int) time.Time {
	return time.Date(y, m, d, hh, mm, ss, 0, time.UTC).Add(z.biasAt(y, m, d, hh, mm))
}

func (z ruleZone) local(t time.Time) time.Time {
	t = t.UTC()
	b := z.biasAt(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute())
	l := t.Add(-b)
	b = z.biasAt(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute())
	return t.In(time.FixedZone("", int(-b/time.Second)))
}

// defZone is a zone given by a TimeZoneDefinition whose id is not a known
// Windows zone: its periods (biases) and the transitions of the group in
// force (a fixed period, or recurring day transitions within each year).
type defZone struct {
	periods map[string]time.Duration // bias by period id: UTC = local + bias
	fixed   time.Duration
	rules   []dayRule
}

type dayRule struct {
	to     time.Duration // bias after the transition
	offset time.Duration // time of day of the transition
	month  time.Month
	dow    time.Weekday
	occ    int // 1..4, or -1 (last)
}

// newDefZone reads a TimeZoneDefinition; ok is false when it gives no
// periods.
func newDefZone(d *ews.TimeZoneDefinitionType) (defZone, bool) {
	z := defZone{periods: map[string]time.Duration{}}
	if d.Periods == nil || len(d.Periods.Period) == 0 {
		return z, false
	}
	for _, p := range d.Periods.Period {
		if p.Id == nil || p.Bias == nil {
			continue
		}
		b, err := p.Bias.Duration()
		if err != nil {
			return z, false
		}
		z.periods[*p.Id] = b
	}
	groups := map[string][]ews.AnyTransition{}
	if d.TransitionsGroups != nil {
		for _, g := range d.TransitionsGroups.TransitionsGroup {
			if g.Id != nil {
				groups[*g.Id] = g.Transition
			}
		}
	}
	// The group in force: the last one the Transitions name (the first
	// transition applies from the beginning of time; later ones are dated).
	var group []ews.AnyTransition
	if d.Transitions != nil {
		for _, t := range d.Transitions.Transition {
			var to *ews.TransitionTargetType
			switch t := t.(type) {
			case *ews.Transition:
				to = t.To
			case *ews.AbsoluteDateTransition:
				to = t.To
			}
			if to != nil && to.Kind == ews.TransitionTargetKindGroup && groups[to.Value] != nil {
				group = groups[to.Value]
			}
		}
	}
	for _, t := range group {
		switch t := t.(type) {
		case *ews.Transition:
			if t.To != nil {
				z.fixed = z.periods[t.To.Value]
			}
		case *ews.RecurringDayTransition:
			off, err := t.TimeOffset.Duration()
			if t.To == nil || err != nil {
				continue
			}
			r := dayRule{to: z.periods[t.To.Value], offset: off, month: time.Month(t.Month), occ: int(t.Occurrence)}
			for wd := time.Sunday; wd <= time.Saturday; wd++ {
				if string(t.DayOfWeek) == wd.String() {
					r.dow = wd
				}
			}
			z.rules = append(z.rules, r)
		}
	}
	if len(group) == 0 {
		for _, b := range z.periods {
			z.fixed = b
			break
		}
	}
	return z, true
}

// changeOf returns the wall-clock instant (in UTC fields) of rule r in
// year y.
func (r dayRule) changeOf(y int) time.Time {
	var days []int
	for d := 1; d <= daysIn(y, r.month); d++ {
		if time.Date(y, r.month, d, 0, 0, 0, 0, time.UTC).Weekday() == r.dow {
			days = append(days, d)
		}
	}
	day := days[len(days)-1]
	if r.occ >= 1 && r.occ <= len(days) && r.occ < 5 {
		day = days[r.occ-1]
	}
	return time.Date(y, r.month, day, 0, 0, 0, 0, time.UTC).Add(r.offset)
}

func (z defZone) biasAt(wall time.Time) time.Duration {
	if len(z.rules) == 0 {
		return z.fixed
	}
	// The last transition at or before wall, in this year or the last.
	var best time.Time
	bias := z.fixed
	for _, y := range []int{wall.Year() - 1, wall.Year()} {
		for _, r := range z.rules {
			c := r.changeOf(y)
			if !c.After(wall) && (best.IsZero() || c.After(best)) {
				best, bias = c, r.to
			}
		}
	}
	return bias
}

func (z defZone) at(y int, m time.Month, d, hh, mm, ss int) time.Time {
	wall := time.Date(y, m, d, hh, mm, ss, 0, time.UTC)
	return wall.Add(z.biasAt(wall))
}

func (z defZone) local(t time.Time) time.Time {
	t = t.UTC()
	b := z.biasAt(t.Add(-z.biasAt(t)))
	return t.In(time.FixedZone("", int(-b/time.Second)))
}

// zoneOf returns the time zone of a calendar item: StartTimeZone (by id,
// else by its periods and transitions), StartTimeZoneId, MeetingTimeZone
// (by name, else its bias rules), else UTC.
func zoneOf(v reflect.Value) zone {
	var ids []string
	if f := field(v, "StartTimeZone"); isSet(f) {
		if d := f.Elem().Interface().(ews.TimeZoneDefinitionType); d.Id != nil {
			ids = append(ids, *d.Id)
		}
	}
	if f := field(v, "StartTimeZoneId"); isSet(f) {
		ids = append(ids, f.Elem().String())
	}
	var mtz *ews.TimeZoneType
	if f := field(v, "MeetingTimeZone"); isSet(f) {
		mtz = f.Interface().(*ews.TimeZoneType)
		if mtz.TimeZoneName != nil {
			ids = append(ids, *mtz.TimeZoneName)
		}
	}
	for _, id := range ids {
		name := windowsZones[id]
		if name == "" && strings.Contains(id, "/") {
			name = id
		}
		if name == "" {
			continue
		}
		if loc, err := time.LoadLocation(name); err == nil {
			return ianaZone{loc}
		}
	}
	if f := field(v, "StartTimeZone"); isSet(f) {
		if z, ok := newDefZone(f.Interface().(*ews.TimeZoneDefinitionType)); ok {
			return z
		}
	}
	if mtz != nil && mtz.BaseOffset != nil && mtz.Standard != nil {
		base, err := mtz.BaseOffset.Duration()
		if err == nil {
			return ruleZone{base: base, std: mtz.Standard, dlt: mtz.Daylight}
		}
	}
	return ianaZone{time.UTC}
}

func monthOf(m ews.MonthNamesType) time.Month {
	for i := time.January; i <= time.December; i++ {
		if string(m) == i.String() {
			return i
		}
	}
	return time.January
}

// dayMatches reports whether weekday wd is one of the days d names.
func dayMatches(d ews.DayOfWeekType, wd time.Weekday) bool {
	switch d {
	case ews.DayOfWeekDay:
		return true
	case ews.DayOfWeekWeekday:
		return wd != time.Saturday && wd != time.Sunday
	case ews.DayOfWeekWeekendDay:
		return wd == time.Saturday || wd == time.Sunday
	}
	return string(d) == wd.String()
}

func daysIn(y int, m time.Month) int { return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day() }

// relativeDay returns the day of month of the First…Fourth or Last day
// matching d in month m of year y.
func relativeDay(y int, m time.Month, d ews.DayOfWeekType, idx ews.DayOfWeekIndexType) int {
	var days []int
	for day := 1; day <= daysIn(y, m); day++ {
		if dayMatches(d, time.Date(y, m, day, 0, 0, 0, 0, time.UTC).Weekday()) {
			days = append(days, day)
		}
	}
	if len(days) == 0 {
		return 1
	}
	n := map[ews.DayOfWeekIndexType]int{ews.DayOfWeekIndexFirst: 0, ews.DayOfWeekIndexSecond: 1, ews.DayOfWeekIndexThird: 2, ews.DayOfWeekIndexFourth: 3}
	if i, ok := n[idx]; ok && i < len(days) {
		return days[i]
	}
	return days[len(days)-1]
}

// recurrenceDates calls yield with each date (midnight UTC) of the pattern
// of r, from first to horizon, in order, until yield returns false. The
// loops step by the pattern's interval, so the work is about the number of
// dates, not of days.
func recurrenceDates(r *ews.RecurrenceType, first, horizon time.Time, yield func(time.Time) bool) {
	every := func(n int32) int {
		if n < 1 {
			return 1
		}
		return int(n)
	}
	// emit yields d when it is in range; it returns false to stop.
	emit := func(d time.Time) (more bool) {
		if d.After(horizon) {
			return false
		}
		if d.Before(first) {
			return true
		}
		return yield(d)
	}
	monthly := func(interval int32, day func(y int, m time.Month) int) {
		for k := 0; ; k += every(interval) {
			m := time.Date(first.Year(), first.Month()+time.Month(k), 1, 0, 0, 0, 0, time.UTC)
			if m.After(horizon) {
				return
			}
			if !emit(time.Date(m.Year(), m.Month(), day(m.Year(), m.Month()), 0, 0, 0, 0, time.UTC)) {
				return
			}
		}
	}
	yearly := func(month time.Month, day func(y int) int) {
		for y := first.Year(); y <= horizon.Year(); y++ {
			if !emit(time.Date(y, month, day(y), 0, 0, 0, 0, time.UTC)) {
				return
			}
		}
	}
	switch {
	case r.DailyRecurrence != nil:
		for d := first; ; d = d.AddDate(0, 0, every(r.DailyRecurrence.Interval)) {
			if !emit(d) {
				return
			}
		}
	case r.WeeklyRecurrence != nil:
		p := r.WeeklyRecurrence
		if len(p.DaysOfWeek) == 0 {
			return
		}
		fdw := time.Sunday
		if p.FirstDayOfWeek != nil {
			for wd := time.Sunday; wd <= time.Saturday; wd++ {
				if string(*p.FirstDayOfWeek) == wd.String() {
					fdw = wd
				}
			}
		}
		for ws := first.AddDate(0, 0, -int((first.Weekday()-fdw+7)%7)); ; ws = ws.AddDate(0, 0, 7*every(p.Interval)) {
			for i := 0; i < 7; i++ {
				d := ws.AddDate(0, 0, i)
				match := false
				for _, x := range p.DaysOfWeek {
					match = match || dayMatches(x, d.Weekday())
				}
				if match && !emit(d) {
					return
				}
				if d.After(horizon) {
					return
				}
			}
		}
	case r.AbsoluteMonthlyRecurrence != nil:
		p := r.AbsoluteMonthlyRecurrence
		monthly(p.Interval, func(y int, m time.Month) int { return max(1, min(int(p.DayOfMonth), daysIn(y, m))) })
	case r.RelativeMonthlyRecurrence != nil:
		p := r.RelativeMonthlyRecurrence
		monthly(p.Interval, func(y int, m time.Month) int { return relativeDay(y, m, p.DaysOfWeek, p.DayOfWeekIndex) })
	case r.AbsoluteYearlyRecurrence != nil:
		p := r.AbsoluteYearlyRecurrence
		m := monthOf(p.Month)
		yearly(m, func(y int) int { return max(1, min(int(p.DayOfMonth), daysIn(y, m))) })
	case r.RelativeYearlyRecurrence != nil:
		p := r.RelativeYearlyRecurrence
		m := monthOf(p.Month)
		yearly(m, func(y int) int { return relativeDay(y, m, p.DaysOfWeek, p.DayOfWeekIndex) })
	}
}

// timeOf returns the instant of an XSDateTime property, ok false when
// unset.
func timeOf(v reflect.Value, name string) (time.Time, bool) {
	f := field(v, name)
	if !isSet(f) {
		return time.Time{}, false
	}
	return ews.Ptr(f.Elem().Interface().(ews.XSDateTime)).Time().UTC(), true
}

// expand calls fn for each occurrence of master's series (instance index
// from 1, start instant) that starts at or after from, in order, until fn
// returns false or the series ends or starts after until. Occurrences
// before from are counted, not computed.
func expand(master *item, from, until time.Time, fn func(idx int32, start time.Time) bool) {
	rv := field(master.v, "Recurrence")
	if !isSet(rv) {
		return
	}
	r := rv.Interface().(*ews.RecurrenceType)
	st, ok := timeOf(master.v, "Start")
	if !ok {
		return
	}
	z := zoneOf(master.v)
	ls := z.local(st)
	var first time.Time
	var last time.Time // inclusive last date, zero for none
	count := int32(-1)
	switch {
	case r.NoEndRecurrence != nil:
		first = r.NoEndRecurrence.StartDate.Time()
	case r.EndDateRecurrence != nil:
		first = r.EndDateRecurrence.StartDate.Time()
		last = r.EndDateRecurrence.EndDate.Time()
	case r.NumberedRecurrence != nil:
		first = r.NumberedRecurrence.StartDate.Time()
		count = r.NumberedRecurrence.NumberOfOccurrences
	default:
		first = ls
	}
	first = time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, time.UTC)
	horizon := first.AddDate(0, 0, maxExpansionDays)
	if !last.IsZero() && last.Before(horizon) {
		horizon = last
	}
	// Dates two days before from (in UTC fields) cannot start at or after
	// from in any zone.
	skip := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -2)
	var idx int32
	recurrenceDates(r, first, horizon, func(date time.Time) bool {
		idx++
		if count >= 0 && idx > count {
			return false
		}
		if date.Before(skip) {
			return true
		}
		start := z.at(date.Year(), date.Month(), date.Day(), ls.Hour(), ls.Minute(), ls.Second())
		if start.After(until) {
			return false
		}
		if start.Before(from) {
			return true
		}
		return fn(idx, start)
	})
}

// seriesOf returns the state of a recurring master. Callers hold s.mu for
// writing.
func (s *Server) seriesOf(master *item) *series {
	s.cal.init()
	sr := s.cal.series[master]
	if sr == nil {
		sr = &series{occ: map[int32]*item{}, deleted: map[int32]time.Time{}}
		s.cal.series[master] = sr
	}
	return sr
}

// occurrence returns the item of occurrence idx of master, starting at
// start, creating it with a fresh id when it has none; nil when the
// occurrence was deleted. An unmodified occurrence follows its master.
// Callers hold s.mu for writing.
func (s *Server) occurrence(master *item, idx int32, start time.Time) *item {
	sr := s.seriesOf(master)
	if _, gone := sr.deleted[idx]; gone {
		return nil
	}
	if it := sr.occ[idx]; it != nil {
		if s.items[it.id] != it || it.folder != master.folder {
			sr.deleted[idx] = start
			delete(sr.occ, idx)
			s.mutated()
			return nil
		}
		if it.ver == 1 && !it.v.IsNil() {
			s.fillOccurrence(master, it, start)
		}
		return it
	}
	it := &item{mbx: master.mbx, id: s.newID(master.mbx, kindItem), ver: 1, elem: "CalendarItem", created: s.opts.Now(), folder: master.folder, creator: master.creator}
	s.seq++
	it.seq = s.seq
	s.items[it.id] = it
	sr.occ[idx] = it
	s.cal.occOf[it.id] = &occRef{master: master, index: idx, start: start}
	s.fillOccurrence(master, it, start)
	s.mutated() // a new id the data file keeps, even when a read made it
	return it
}

// fillOccurrence sets the value of an unmodified occurrence from its
// master.
func (s *Server) fillOccurrence(master, it *item, start time.Time) {
	v := deepCopy(master.v)
	st, _ := timeOf(master.v, "Start")
	en, ok := timeOf(master.v, "End")
	if !ok {
		en = st
	}
	for _, n := range []string{"Recurrence", "ModifiedOccurrences", "DeletedOccurrences", "FirstOccurrence", "LastOccurrence", "MimeContent"} {
		if f := field(v, n); f.IsValid() {
			f.Set(reflect.Zero(f.Type()))
		}
	}
	setField(v, "Start", ews.XSDateTimeOf(start))
	setField(v, "End", ews.XSDateTimeOf(start.Add(en.Sub(st))))
	setField(v, "OriginalStart", ews.XSDateTimeOf(start))
	setField(v, "RecurrenceId", ews.XSDateTimeOf(start))
	setField(v, "CalendarItemType", ews.CalendarItemTypeOccurrence)
	setField(v, "IsRecurring", true)
	it.v = v
	s.stamp(it)
	// It was last changed when its master was: a refill is no change.
	if t, ok := timeOf(master.v, "LastModifiedTime"); ok {
		setField(v, "LastModifiedTime", ews.XSDateTimeOf(t))
	}
}

// refreshMaster sets the server-computed properties of a recurring
// master: CalendarItemType, IsRecurring, ModifiedOccurrences,
// DeletedOccurrences. Callers hold s.mu for writing.
func (s *Server) refreshMaster(master *item) {
	setField(master.v, "CalendarItemType", ews.CalendarItemTypeRecurringMaster)
	setField(master.v, "IsRecurring", true)
	sr := s.seriesOf(master)
	var mod []ews.OccurrenceInfoType
	var idxs []int32
	for idx := range sr.occ {
		idxs = append(idxs, idx)
	}
	sort.Slice(idxs, func(i, j int) bool { return idxs[i] < idxs[j] })
	for _, idx := range idxs {
		it := sr.occ[idx]
		if s.items[it.id] != it || it.folder != master.folder {
			sr.deleted[idx] = s.cal.occOf[it.id].start
			delete(sr.occ, idx)
			s.mutated()
			continue
		}
		if it.ver > 1 {
			st, _ := timeOf(it.v, "Start")
			en, _ := timeOf(it.v, "End")
			mod = append(mod, ews.OccurrenceInfoType{ItemId: &ews.ItemIdType{Id: it.id, ChangeKey: ptr(it.changeKey())},
				Start: ews.XSDateTimeOf(st), End: ews.XSDateTimeOf(en), OriginalStart: ews.XSDateTimeOf(s.cal.occOf[it.id].start)})
		}
	}
	if len(mod) > 0 {
		setField(master.v, "ModifiedOccurrences", &ews.NonEmptyArrayOfOccurrenceInfoType{Occurrence: mod})
	} else {
		field(master.v, "ModifiedOccurrences").Set(reflect.Zero(field(master.v, "ModifiedOccurrences").Type()))
	}
	var del []time.Time
	for _, t := range sr.deleted {
		del = append(del, t)
	}
	sort.Slice(del, func(i, j int) bool { return del[i].Before(del[j]) })
	if len(del) > 0 {
		d := &ews.NonEmptyArrayOfDeletedOccurrencesType{}
		for _, t := range del {
			d.DeletedOccurrence = append(d.DeletedOccurrence, ews.DeletedOccurrenceInfoType{Start: ews.XSDateTimeOf(t)})
		}
		setField(master.v, "DeletedOccurrences", d)
	}
}

// instance is one entry of a calendar view.
type instance struct {
	it    *item
	start time.Time
}

// calendarInstances lists the calendar items of folder f that overlap
// [from, to): single items, and the occurrences and exceptions of
// recurring series. Callers hold s.mu for writing.
func (s *Server) calendarInstances(f *folder, from, to time.Time) []instance {
	var out []instance
	overlaps := func(v reflect.Value) (time.Time, bool) {
		st, ok1 := timeOf(v, "Start")
		en, ok2 := timeOf(v, "End")
		if !ok1 {
			return st, false
		}
		if !ok2 || !en.After(st) {
			en = st.Add(time.Nanosecond)
		}
		return st, st.Before(to) && en.After(from)
	}
	for _, it := range s.itemsIn(f) {
		if it.elem != "CalendarItem" {
			continue
		}
		if !isSet(field(it.v, "Recurrence")) {
			if !isSet(field(it.v, "CalendarItemType")) {
				setField(it.v, "CalendarItemType", ews.CalendarItemTypeSingle) // seeded items
			}
			if st, ok := overlaps(it.v); ok {
				out = append(out, instance{it, st})
			}
			continue
		}
		s.refreshMaster(it)
		sr := s.seriesOf(it)
		// Exceptions may have moved anywhere: check them all.
		for _, o := range sr.occ {
			if o.ver > 1 && s.items[o.id] == o && o.folder == f {
				if st, ok := overlaps(o.v); ok {
					setField(o.v, "CalendarItemType", ews.CalendarItemTypeException)
					out = append(out, instance{o, st})
				}
			}
		}
		dur := time.Duration(0)
		if st, ok := timeOf(it.v, "Start"); ok {
			if en, ok := timeOf(it.v, "End"); ok {
				dur = en.Sub(st)
			}
		}
		expand(it, from.Add(-dur), to, func(idx int32, start time.Time) bool {
			if !start.Add(dur).After(from) && !(dur == 0 && !start.Before(from)) {
				return true
			}
			if o := sr.occ[idx]; o != nil && o.ver > 1 && s.items[o.id] == o {
				return true // listed above as an exception
			}
			if o := s.occurrence(it, idx, start); o != nil {
				out = append(out, instance{o, start})
			}
			return true
		})
		s.refreshMaster(it)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].start.Equal(out[j].start) {
			return out[i].start.Before(out[j].start)
		}
		return out[i].it.seq < out[j].it.seq
	})
	return out
}

// FindItem with a CalendarView expands recurring series: it lists single
// items, occurrences and exceptions overlapping the view, by start time.
func (c calendarService) FindItem(ctx context.Context, req *ews.FindItem) (*ews.FindItemResponse, error) {
	if req.CalendarView == nil {
		return c.Server.FindItem(ctx, req)
	}
	s := c.Server
	me, ferr := s.actor(ctx)
	if ferr != nil {
		return nil, ferr
	}
	ids := folderIDs(req.ParentFolderIds)
	if err := s.checkBatch(len(ids)); err != nil {
		return nil, err
	}
	cv := req.CalendarView
	from, to := cv.StartDate.Time(), cv.EndDate.Time()
	msgs := make([]ews.ArrayOfResponseMessagesTypeChoice, len(ids))
	s.inChunksOf(1, len(ids), true, func(i int) {
		msg := &ews.FindItemResponseMessageType{}
		msgs[i] = msg
		f, err := s.folderFor(me, ids[i], needRead)
		if err == nil && !to.After(from) {
			err = &errMsg{code: ews.ResponseCodeErrorCalendarEndDateIsEarlierThanStartDate, text: "EndDate is earlier than StartDate"}
		}
		setResult(msg, err)
		if err != nil {
			return
		}
		list := s.calendarInstances(f, from, to)
		total := len(list)
		last := true
		if cv.MaxEntriesReturned != nil && int(*cv.MaxEntriesReturned) < len(list) {
			list, last = list[:*cv.MaxEntriesReturned], false
		}
		if len(list) > s.opts.Limits.MaxFindCount {
			list, last = list[:s.opts.Limits.MaxFindCount], false
		}
		rf := &ews.FindItemParentType{Items: &ews.ArrayOfRealItemsType{}, TotalItemsInView: ptr(int32(total)), IncludesLastItemInRange: ptr(last)}
		for _, in := range list {
			rf.Items.List = append(rf.Items.List, s.itemOut(me, in.it, req.ItemShape, true))
		}
		msg.RootFolder = rf
	})
	return &ews.FindItemResponse{ResponseMessages: &ews.ArrayOfResponseMessagesType{Items: msgs}}, nil
}

// resolveOccurrenceIDs turns OccurrenceItemId (master and instance index)
// and RecurringMasterItemId (an occurrence's master) into plain item ids,
// so that the item operations serve them. Ids that name no occurrence are
// left as they are (the item operation answers them). Callers hold s.mu
// for writing.
func (s *Server) resolveOccurrenceID(id any) any {
	s.cal.init()
	switch x := id.(type) {
	case *ews.OccurrenceItemIdType:
		master := s.items[string(x.RecurringMasterId)]
		if master == nil || !isSet(field(master.v, "Recurrence")) || x.InstanceIndex < 1 {
			return id
		}
		var found *item
		expand(master, time.Time{}, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), func(idx int32, start time.Time) bool {
			if idx < x.InstanceIndex {
				return true
			}
			if idx == x.InstanceIndex {
				found = s.occurrence(master, idx, start)
			}
			return false
		})
		if found == nil {
			return id
		}
		return &ews.ItemIdType{Id: found.id, ChangeKey: ptr(found.changeKey())}
	case *ews.RecurringMasterItemIdType:
		if ref := s.cal.occOf[string(x.OccurrenceId)]; ref != nil && s.items[ref.master.id] == ref.master {
			return &ews.ItemIdType{Id: ref.master.id, ChangeKey: ptr(ref.master.changeKey())}
		}
		if it := s.items[string(x.OccurrenceId)]; it != nil && isSet(field(it.v, "Recurrence")) {
			return &ews.ItemIdType{Id: it.id, ChangeKey: ptr(it.changeKey())}
		}
	}
	return id
}

// resolveIDs rewrites occurrence ids of a request in place.
func (s *Server) resolveIDs(a *ews.NonEmptyArrayOfBaseItemIdsType) {
	if a == nil || len(a.Items) > s.opts.Limits.MaxBatch {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, id := range a.Items {
		if r, ok := s.resolveOccurrenceID(id).(ews.NonEmptyArrayOfBaseItemIdsTypeChoice); ok {
			a.Items[i] = r
		}
	}
}

// GetItem serves occurrence and master ids besides item ids.
func (c calendarService) GetItem(ctx context.Context, req *ews.GetItem) (*ews.GetItemResponse, error) {
	c.resolveIDs(req.ItemIds)
	c.refreshMasters(itemIDs(req.ItemIds))
	return c.Server.GetItem(ctx, req)
}

// refreshMasters brings the occurrence lists of the recurring masters
// among ids up to date.
func (s *Server) refreshMasters(ids []any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		if x, ok := id.(*ews.ItemIdType); ok && x != nil {
			if it := s.items[x.Id]; it != nil && it.elem == "CalendarItem" && isSet(field(it.v, "Recurrence")) {
				s.refreshMaster(it)
			}
		}
	}
}

// UpdateItem serves occurrence ids: a changed occurrence becomes an
// exception of its series.
func (c calendarService) UpdateItem(ctx context.Context, req *ews.UpdateItem) (*ews.UpdateItemResponse, error) {
	if req.ItemChanges != nil && len(req.ItemChanges.ItemChange) <= c.opts.Limits.MaxBatch {
		c.mu.Lock()
		for i := range req.ItemChanges.ItemChange {
			ch := &req.ItemChanges.ItemChange[i]
			var r any
			switch {
			case ch.OccurrenceItemId != nil:
				r = c.resolveOccurrenceID(ch.OccurrenceItemId)
			case ch.RecurringMasterItemId != nil:
				r = c.resolveOccurrenceID(ch.RecurringMasterItemId)
			}
			if x, ok := r.(*ews.ItemIdType); ok {
				ch.ItemId, ch.OccurrenceItemId, ch.RecurringMasterItemId = x, nil, nil
			}
		}
		c.mu.Unlock()
	}
	resp, err := c.Server.UpdateItem(ctx, req)
	send := req.SendMeetingInvitationsOrCancellations != nil && *req.SendMeetingInvitationsOrCancellations != ews.CalendarItemUpdateOperationSendToNone
	me, _ := c.actor(ctx)
	if err == nil && req.ItemChanges != nil {
		c.mu.Lock()
		c.cal.init()
		for i, ch := range req.ItemChanges.ItemChange {
			if x := ch.ItemId; x != nil && send && me != nil && i < len(resp.ResponseMessages.Items) && ews.MessageError(resp.ResponseMessages.Items[i]) == nil {
				// A meeting changed by its organizer: the attendees get
				// the update.
				if it := c.items[x.Id]; it != nil && c.cal.occOf[x.Id] == nil && it.elem == "CalendarItem" && len(attendeeLists(it.v)) > 0 {
					if f := field(it.v, "IsOrganizer"); isSet(f) && f.Elem().Bool() {
						seq := int32(0)
						if f := field(it.v, "AppointmentSequenceNumber"); isSet(f) {
							seq = int32(f.Elem().Int())
						}
						setField(it.v, "AppointmentSequenceNumber", seq+1)
						c.sendInvitations(me, it, ews.MeetingRequestTypeFullUpdate)
						c.touch(it)
					}
				}
			}
			if x := ch.ItemId; x != nil {
				if ref := c.cal.occOf[x.Id]; ref != nil {
					if it := c.items[x.Id]; it != nil {
						setField(it.v, "CalendarItemType", ews.CalendarItemTypeException)
					}
					c.refreshMaster(ref.master)
				}
			}
		}
		c.mu.Unlock()
	}
	return resp, err
}

// DeleteItem serves occurrence ids: a deleted occurrence is gone from its
// series (DeletedOccurrences), whatever the DeleteType. Deleting a master
// deletes its occurrences.
func (c calendarService) DeleteItem(ctx context.Context, req *ews.DeleteItem) (*ews.DeleteItemResponse, error) {
	c.resolveIDs(req.ItemIds)
	if sc := req.SendMeetingCancellations; sc != nil && *sc != ews.CalendarItemCreateOrDeleteOperationSendToNone && req.ItemIds != nil && len(req.ItemIds.Items) <= c.opts.Limits.MaxBatch {
		c.cancelDeleted(ctx, itemIDs(req.ItemIds), *sc == ews.CalendarItemCreateOrDeleteOperationSendToAllAndSaveCopy)
	}
	resp, err := c.Server.DeleteItem(ctx, req)
	if err != nil {
		return resp, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cal.init()
	for _, id := range itemIDs(req.ItemIds) {
		x, ok := id.(*ews.ItemIdType)
		if !ok || x == nil {
			continue
		}
		if ref := c.cal.occOf[x.Id]; ref != nil {
			if it := c.items[x.Id]; it != nil && it.folder != ref.master.folder {
				c.dropItem(it) // moved to Deleted Items: an occurrence is not kept there
			}
			if c.items[x.Id] == nil {
				sr := c.seriesOf(ref.master)
				sr.deleted[ref.index] = ref.start
				delete(sr.occ, ref.index)
				c.refreshMaster(ref.master)
			}
			continue
		}
		for master, sr := range c.cal.series {
			if master.id != x.Id || (c.items[x.Id] == master && master.folder.dist != "deleteditems") {
				continue
			}
			for _, o := range sr.occ {
				if c.items[o.id] == o {
					c.dropItem(o)
				}
			}
			delete(c.cal.series, master)
		}
	}
	return resp, nil
}

// cancelDeleted sends cancellations for the meetings among ids that the
// acting user organizes and may delete: a meeting deleted with
// SendMeetingCancellations is cancelled for its attendees.
func (s *Server) cancelDeleted(ctx context.Context, ids []any, saveCopy bool) {
	me, err := s.actor(ctx)
	if err != nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cal.init()
	for _, id := range ids {
		x, ok := id.(*ews.ItemIdType)
		if !ok || x == nil || s.cal.occOf[x.Id] != nil {
			continue
		}
		it := s.items[x.Id]
		if it == nil || it.elem != "CalendarItem" || checkItem(me, it, opDelete) != nil || len(attendeeLists(it.v)) == 0 {
			continue
		}
		if f := field(it.v, "IsOrganizer"); !isSet(f) || !f.Elem().Bool() {
			continue
		}
		s.sendCancellations(me, it, nil, saveCopy)
	}
}
