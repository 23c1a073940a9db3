package mock

import (
	"bytes"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"strings"
	"text/template"
)

// Autodiscover, for the server's own users: the POX endpoint (POST
// /autodiscover/autodiscover.xml, the Outlook request schema, answered in
// the Outlook response schema with the EWS URL in EwsUrl and ASUrl) and
// the SOAP endpoint (POST /autodiscover/autodiscover.svc, GetUserSettings).
// The URLs answered are those of the host the request reached. Both go
// through the same authentication as EWS.

const (
	adRequestNS  = "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"
	adResponseNS = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a"
	adSoapNS     = "http://schemas.microsoft.com/exchange/2010/Autodiscover"
)

func (s *Server) routeAutodiscover(mux *http.ServeMux) {
	for _, p := range []string{"/autodiscover/autodiscover.xml", "/Autodiscover/Autodiscover.xml", "/AutoDiscover/AutoDiscover.xml"} {
		mux.HandleFunc(p, s.autodiscoverPOX)
	}
	for _, p := range []string{"/autodiscover/autodiscover.svc", "/Autodiscover/Autodiscover.svc", "/AutoDiscover/AutoDiscover.svc"} {
		mux.HandleFunc(p, s.autodiscoverSOAP)
	}
}

// baseURL is the scheme and host the request reached.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// legacyDN is the Exchange legacy distinguished name of a mailbox.
func legacyDN(m *mailbox) string {
	local, _, _ := strings.Cut(m.smtp, "@")
	return "/o=ewsmock/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=" + strings.ToLower(local)
}

// deploymentID is the mailbox GUID in its usual text form.
func deploymentID(m *mailbox) string {
	h := hex.EncodeToString(m.guid[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// serverVersionHex is the ServerVersion of a POX Protocol: 4 bits 0111,
// 6 bits major, 6 bits minor, a set bit, 15 bits build.
func (s *Server) serverVersionHex() string {
	sv := s.opts.ServerVersion
	v := uint32(0x7)<<28 | uint32(deref(sv.MajorVersion))<<22 | uint32(deref(sv.MinorVersion))<<16 | 0x8000 | uint32(deref(sv.MajorBuildNumber))&0x7fff
	return fmt.Sprintf("%08X", v)
}

// xmlEsc escapes text for the templates, which do not escape.
func xmlEsc(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func deref[T any](p *T) T {
	var z T
	if p == nil {
		return z
	}
	return *p
}

var poxTemplate = template.Must(template.New("pox").Parse(`<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
{{- if .Error}}
  <Response>
    <Error Time="{{.Time}}" Id="{{.ID}}">
      <ErrorCode>{{.Error}}</ErrorCode>
      <Message>{{.Message}}</Message>
      <DebugData />
    </Error>
  </Response>
{{- else}}
  <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">
    <User>
      <DisplayName>{{.Name}}</DisplayName>
      <LegacyDN>{{.DN}}</LegacyDN>
      <AutoDiscoverSMTPAddress>{{.SMTP}}</AutoDiscoverSMTPAddress>
      <DeploymentId>{{.DeploymentID}}</DeploymentId>
    </User>
    <Account>
      <AccountType>email</AccountType>
      <Action>settings</Action>
      <MicrosoftOnline>False</MicrosoftOnline>
      <Protocol>
        <Type>EXCH</Type>
        <Server>{{.Host}}</Server>
        <ServerDN>{{.DN}}</ServerDN>
        <ServerVersion>{{.Version}}</ServerVersion>
        <AD>{{.Host}}</AD>
        <ASUrl>{{.EWS}}</ASUrl>
        <EwsUrl>{{.EWS}}</EwsUrl>
        <EmwsUrl>{{.EWS}}</EmwsUrl>
        <OOFUrl>{{.EWS}}</OOFUrl>
        <EwsPartnerUrl>{{.EWS}}</EwsPartnerUrl>
        <LoginName>{{.SMTP}}</LoginName>
        <AuthPackage>Negotiate</AuthPackage>
        <ServerExclusiveConnect>off</ServerExclusiveConnect>
      </Protocol>
      <Protocol>
        <Type>EXPR</Type>
        <Server>{{.Host}}</Server>
        <ServerVersion>{{.Version}}</ServerVersion>
        <ASUrl>{{.EWS}}</ASUrl>
        <EwsUrl>{{.EWS}}</EwsUrl>
        <OOFUrl>{{.EWS}}</OOFUrl>
        <LoginName>{{.SMTP}}</LoginName>
        <SSL>{{.SSL}}</SSL>
        <AuthPackage>Basic</AuthPackage>
        <ServerExclusiveConnect>on</ServerExclusiveConnect>
      </Protocol>
    </Account>
  </Response>
{{- end}}
</Autodiscover>
`))

type poxData struct {
	Error, Message, Time, ID                    string
	Name, DN, SMTP, DeploymentID, Host, Version string
	EWS, SSL                                    string
}

// autodiscoverPOX answers a POX Autodiscover request: the settings of a
// mailbox of the server, or Error 500 ("The email address can't be
// found.") for an unknown address, 600 for a request that does not parse,
// 601 for a response schema other than Outlook's.
func (s *Server) autodiscoverPOX(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Request struct {
			EMailAddress             string
			LegacyDN                 string
			AcceptableResponseSchema string
		}
	}
	d := poxData{Time: s.opts.Now().UTC().Format("15:04:05.0000000"), ID: "2611855802"}
	var body []byte
	if r.Method == http.MethodPost {
		body, _ = io.ReadAll(r.Body)
	}
	switch err := xml.Unmarshal(body, &req); {
	case r.Method != http.MethodPost || err != nil:
		d.Error, d.Message = "600", "Invalid Request"
	case req.Request.AcceptableResponseSchema != adResponseNS:
		d.Error, d.Message = "601", "The requested schema version is not supported"
	default:
		m := s.mailboxOfUser(strings.TrimSpace(req.Request.EMailAddress))
		if m == nil {
			d.Error, d.Message = "500", "The email address can't be found."
			break
		}
		base := baseURL(r)
		d.Name, d.DN, d.SMTP, d.DeploymentID = xmlEsc(m.name), xmlEsc(legacyDN(m)), xmlEsc(m.smtp), deploymentID(m)
		d.Host, d.Version, d.EWS = xmlEsc(r.Host), s.serverVersionHex(), xmlEsc(base+"/EWS/Exchange.asmx")
		d.SSL = "Off"
		if r.TLS != nil {
			d.SSL = "On"
		}
	}
	var b bytes.Buffer
	if err := poxTemplate.Execute(&b, d); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.Write(b.Bytes())
}

var soapTemplate = template.Must(template.New("soap").Parse(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:a="http://www.w3.org/2005/08/addressing">
  <s:Header>
    <a:Action s:mustUnderstand="1">http://schemas.microsoft.com/exchange/2010/Autodiscover/Autodiscover/GetUserSettingsResponse</a:Action>
    <h:ServerVersionInfo xmlns:h="http://schemas.microsoft.com/exchange/2010/Autodiscover" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
      <h:MajorVersion>{{.Major}}</h:MajorVersion>
      <h:MinorVersion>{{.Minor}}</h:MinorVersion>
      <h:MajorBuildNumber>{{.Build}}</h:MajorBuildNumber>
      <h:MinorBuildNumber>{{.Revision}}</h:MinorBuildNumber>
      <h:Version>Exchange2015</h:Version>
    </h:ServerVersionInfo>
  </s:Header>
  <s:Body>
    <GetUserSettingsResponseMessage xmlns="http://schemas.microsoft.com/exchange/2010/Autodiscover">
      <Response xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
        <ErrorCode>NoError</ErrorCode>
        <ErrorMessage />
        <UserResponses>
{{- range .Users}}
          <UserResponse>
            <ErrorCode>{{.Code}}</ErrorCode>
            <ErrorMessage>{{.Message}}</ErrorMessage>
            <RedirectTarget i:nil="true" />
            <UserSettingErrors>
{{- range .Errors}}
              <UserSettingError>
                <ErrorCode>SettingIsNotAvailable</ErrorCode>
                <ErrorMessage>User setting '{{.}}' is not available. </ErrorMessage>
                <SettingName>{{.}}</SettingName>
              </UserSettingError>
{{- end}}
            </UserSettingErrors>
            <UserSettings>
{{- range .Settings}}
              <UserSetting i:type="StringSetting">
                <Name>{{.Name}}</Name>
                <Value>{{.Value}}</Value>
              </UserSetting>
{{- end}}
            </UserSettings>
          </UserResponse>
{{- end}}
        </UserResponses>
      </Response>
    </GetUserSettingsResponseMessage>
  </s:Body>
</s:Envelope>
`))

type adSetting struct{ Name, Value string }

type adUser struct {
	Code, Message string
	Errors        []string
	Settings      []adSetting
}

// autodiscoverSOAP answers the GetUserSettings operation of the SOAP
// Autodiscover service. Each user gets a UserResponse: InvalidUser for an
// address without a mailbox here; settings the server has no value for
// are listed in UserSettingErrors as SettingIsNotAvailable.
func (s *Server) autodiscoverSOAP(w http.ResponseWriter, r *http.Request) {
	var env struct {
		Body struct {
			GetUserSettings *struct {
				Request struct {
					Users struct {
						User []struct{ Mailbox string }
					}
					RequestedSettings struct {
						Setting []string
					}
				}
			} `xml:"GetUserSettingsRequestMessage"`
		}
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "the Autodiscover service takes POST", http.StatusMethodNotAllowed)
		return
	}
	body, _ := io.ReadAll(r.Body)
	if err := xml.Unmarshal(body, &env); err != nil || env.Body.GetUserSettings == nil {
		msg := "The request is not a GetUserSettings request."
		if err != nil {
			msg = "The request cannot be read: " + err.Error()
		}
		var b bytes.Buffer
		b.WriteString(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring xml:lang="en-US">`)
		xml.EscapeText(&b, []byte(msg))
		b.WriteString(`</faultstring></s:Fault></s:Body></s:Envelope>`)
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		w.Write(b.Bytes())
		return
	}
	req := env.Body.GetUserSettings.Request
	if err := s.checkBatch(len(req.Users.User)); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	sv := s.opts.ServerVersion
	cas := fmt.Sprintf("%d.%02d.%04d.%03d", deref(sv.MajorVersion), deref(sv.MinorVersion), deref(sv.MajorBuildNumber), deref(sv.MinorBuildNumber))
	ews := baseURL(r) + "/EWS/Exchange.asmx"
	data := struct {
		Major, Minor, Build, Revision int32
		Users                         []adUser
	}{Major: deref(sv.MajorVersion), Minor: deref(sv.MinorVersion), Build: deref(sv.MajorBuildNumber), Revision: deref(sv.MinorBuildNumber)}
	for _, u := range req.Users.User {
		m := s.mailboxOfUser(strings.TrimSpace(u.Mailbox))
		if m == nil {
			data.Users = append(data.Users, adUser{Code: "InvalidUser", Message: xmlEsc("Invalid user: '" + u.Mailbox + "'")})
			continue
		}
		values := map[string]string{
			"UserDisplayName":                  m.name,
			"UserDN":                           legacyDN(m),
			"UserDeploymentId":                 deploymentID(m),
			"AutoDiscoverSMTPAddress":          m.smtp,
			"InternalEwsUrl":                   ews,
			"ExternalEwsUrl":                   ews,
			"InternalMailboxServer":            r.Host,
			"ExternalMailboxServer":            r.Host,
			"InternalMailboxServerDN":          legacyDN(m),
			"MailboxDN":                        legacyDN(m),
			"CasVersion":                       cas,
			"EwsSupportedSchemas":              "Exchange2007, Exchange2007_SP1, Exchange2010, Exchange2010_SP1, Exchange2010_SP2, Exchange2013, Exchange2013_SP1, Exchange2016",
			"ExternalEwsVersion":               cas,
			"ExternalMailboxServerRequiresSSL": map[bool]string{true: "True", false: "False"}[r.TLS != nil],
		}
		au := adUser{Code: "NoError", Message: "No error."}
		for _, name := range req.RequestedSettings.Setting {
			name = strings.TrimSpace(name)
			if v, ok := values[name]; ok {
				au.Settings = append(au.Settings, adSetting{Name: xmlEsc(name), Value: xmlEsc(v)})
			} else {
				au.Errors = append(au.Errors, xmlEsc(name))
			}
		}
		data.Users = append(data.Users, au)
	}
	var b bytes.Buffer
	if err := soapTemplate.Execute(&b, data); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.Write(b.Bytes())
}
