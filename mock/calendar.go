package mock

import (
	"github.com/ewsgen/ewsgen/generated/ews"
)

// service is what the handler serves: the Server, with the calendar
// operations (CalendarView expansion of recurring series, occurrence ids,
// meeting invitations and responses) layered over the item operations.
func (s *Server) service() ews.Service { return calendarService{s} }

// calendarService serves the Server's operations; the methods it defines
// handle recurring series and meetings first.
type calendarService struct{ *Server }
