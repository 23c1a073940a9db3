// This file is copied next to the package generated from rpc_encoded
// (module "scratch", package forecast) by TestGolden and run there with go test.
package forecast_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	forecast "scratch"
)

type service struct {
	forecast.UnimplementedService
	got *forecast.GetForecast
}

func point(lat, lon string) forecast.Point {
	return forecast.Point{Lat: forecast.XSDecimal(lat), Lon: forecast.XSDecimal(lon)}
}

func answer() *forecast.GetForecastResponse {
	berlin := point("52.52", "13.405")
	name := "Oslo"
	oslo := point("59.91", "10.75")
	oslo.Name = &name
	return &forecast.GetForecastResponse{
		Forecast: &forecast.ArrayOfDay{Item: []forecast.Day{
			{Date: forecast.XSDate{Year: 2026, Month: 12, Day: 6}, High: 4.5, Low: -1, Where: &berlin},
			{Date: forecast.XSDate{Year: 2026, Month: 12, Day: 7}, High: 2.25, Low: -3.5, Where: &oslo},
		}},
		Issued: forecast.XSDateTimeOf(time.Date(2026, 12, 6, 6, 0, 0, 0, time.UTC)),
	}
}

func (s *service) GetForecast(ctx context.Context, req *forecast.GetForecast) (*forecast.GetForecastResponse, error) {
	s.got = req
	return answer(), nil
}

func (s *service) Ping(ctx context.Context, req *forecast.Ping) (*forecast.PingResponse, error) {
	return &forecast.PingResponse{Return: "pong " + req.Text}, nil
}

// bodies records the request and response envelopes.
type bodies struct {
	req, resp []byte
	next      http.Handler
}

func (b *bodies) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b.req, _ = io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(b.req))
	rec := httptest.NewRecorder()
	b.next.ServeHTTP(rec, r)
	b.resp = rec.Body.Bytes()
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	w.Write(b.resp)
}

// rpc/encoded: the wrapper carries SOAP-ENV:encodingStyle, each part
// accessor its xsi:type, arrays soapenc:Array with soapenc:arrayType.
func TestLoopback(t *testing.T) {
	svc := &service{}
	rec := &bodies{next: forecast.NewHandler(svc)}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	c := forecast.NewClient(srv.URL, nil)

	req := &forecast.GetForecast{
		Points: &forecast.ArrayOfPoint{Item: []forecast.Point{point("52.52", "13.405"), point("-33.87", "151.21")}},
		Days:   3,
		Unit:   forecast.UnitMetric,
		Fields: &forecast.ArrayOfString{Item: []string{"high", "low", "wind"}},
	}
	r, err := c.GetForecast(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(svc.got, req) {
		t.Errorf("handler got %#v, want %#v", svc.got, req)
	}
	if !reflect.DeepEqual(r, answer()) {
		t.Errorf("answer %#v, want %#v", r, answer())
	}
	// xsi is declared where it is used (the envelope does not declare it)
	const xsi = `(?: xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance")?`
	for _, re := range []string{
		`:GetForecast xmlns:(SOAP-ENV)="http://schemas.xmlsoap.org/soap/envelope/" SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">`,
		`<days` + xsi + ` xsi:type="xsd:int">3</days>`,
		`<unit` + xsi + ` xsi:type="ns\d+:Unit">metric</unit>`,
		`<points` + xsi + ` xsi:type="soapenc:Array" soapenc:arrayType="ns\d+:Point\[2\]"><item><lat>52.52</lat>`,
		`<fields` + xsi + ` xsi:type="soapenc:Array" soapenc:arrayType="xsd:string\[3\]"><item>high</item><item>low</item><item>wind</item></fields>`,
		`xmlns:ns\d+="urn:example:forecast"`,
	} {
		if !regexp.MustCompile(re).Match(rec.req) {
			t.Errorf("request does not match %s:\n%s", re, rec.req)
		}
	}
	for _, re := range []string{
		`:GetForecastResponse xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"`,
		`<issued` + xsi + ` xsi:type="xsd:dateTime">2026-12-06T06:00:00Z</issued>`,
		`<forecast` + xsi + ` xsi:type="soapenc:Array" soapenc:arrayType="ns\d+:Day\[2\]">`,
	} {
		if !regexp.MustCompile(re).Match(rec.resp) {
			t.Errorf("response does not match %s:\n%s", re, rec.resp)
		}
	}
	p, err := c.Ping(context.Background(), &forecast.Ping{Text: "hi"})
	if err != nil || p.Return != "pong hi" {
		t.Fatalf("Ping: %v %v", p, err)
	}
}

// multiRef is a response as Apache Axis 1 writes it: the wrapper's
// accessors refer to independent multiRef elements after it, the array's
// items too, and two days share one point.
const multiRef = `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body>
  <ns1:GetForecastResponse soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns1="urn:example:forecast">
   <forecast href="#id0"/>
   <issued xsi:type="xsd:dateTime">2026-12-06T06:00:00Z</issued>
  </ns1:GetForecastResponse>
  <multiRef id="id0" soapenc:root="0" soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xsi:type="soapenc:Array" soapenc:arrayType="ns2:Day[2]" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns2="urn:example:forecast:types">
   <item href="#id1"/>
   <item href="#id2"/>
  </multiRef>
  <multiRef id="id1" soapenc:root="0" soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xsi:type="ns3:Day" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns3="urn:example:forecast:types">
   <date xsi:type="xsd:date">2026-12-06</date>
   <high xsi:type="xsd:double">4.5</high>
   <low xsi:type="xsd:double">-1</low>
   <where href="#id3"/>
  </multiRef>
  <multiRef id="id2" soapenc:root="0" soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xsi:type="ns4:Day" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns4="urn:example:forecast:types">
   <date xsi:type="xsd:date">2026-12-07</date>
   <high xsi:type="xsd:double">2.25</high>
   <low xsi:type="xsd:double">-3.5</low>
   <where href="#id3"/>
  </multiRef>
  <multiRef id="id3" soapenc:root="0" soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xsi:type="ns5:Point" xmlns:ns5="urn:example:forecast:types" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/">
   <lat xsi:type="xsd:decimal">52.52</lat>
   <lon xsi:type="xsd:decimal">13.405</lon>
  </multiRef>
 </soapenv:Body>
</soapenv:Envelope>`

func checkMultiRef(t *testing.T, r *forecast.GetForecastResponse) {
	t.Helper()
	if r.Forecast == nil || len(r.Forecast.Item) != 2 {
		t.Fatalf("forecast: %#v", r.Forecast)
	}
	want := []struct {
		date      forecast.XSDate
		high, low float64
	}{{forecast.XSDate{Year: 2026, Month: 12, Day: 6}, 4.5, -1}, {forecast.XSDate{Year: 2026, Month: 12, Day: 7}, 2.25, -3.5}}
	for i, d := range r.Forecast.Item {
		if d.Date != want[i].date || d.High != want[i].high || d.Low != want[i].low {
			t.Errorf("day %d: %v %v %v, want %v", i, d.Date, d.High, d.Low, want[i])
		}
		if d.Where == nil || d.Where.Lat != "52.52" || d.Where.Lon != "13.405" || d.Where.Name != nil {
			t.Errorf("day %d: where %#v", i, d.Where)
		}
	}
	if !r.Issued.Time().Equal(time.Date(2026, 12, 6, 6, 0, 0, 0, time.UTC)) {
		t.Errorf("issued %v", r.Issued)
	}
	if u := forecast.UnknownContent(r); len(u) != 0 {
		t.Errorf("unknown content: %v", u)
	}
}

func TestDecodeMultiRef(t *testing.T) {
	for _, policy := range []forecast.DecodePolicy{forecast.DecodeLenient, forecast.DecodeStrict} {
		env, err := forecast.DecodeOptions{Policy: policy}.UnmarshalEnvelope([]byte(multiRef))
		if err != nil {
			t.Fatalf("policy %v: %v", policy, err)
		}
		r, ok := env.Body.(*forecast.GetForecastResponse)
		if !ok {
			t.Fatalf("body %T", env.Body)
		}
		checkMultiRef(t, r)
	}
}

// The client resolves the references of the response it reads.
func TestClientMultiRef(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		io.WriteString(w, multiRef)
	}))
	defer srv.Close()
	c := forecast.NewClient(srv.URL, nil)
	r, err := c.GetForecast(context.Background(), &forecast.GetForecast{
		Points: &forecast.ArrayOfPoint{}, Days: 1, Unit: forecast.UnitImperial, Fields: &forecast.ArrayOfString{Item: []string{"high"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	checkMultiRef(t, r)
}

// Accessors without xsi:type, and array items named after their type (as
// .NET writes them), decode as well.
func TestDecodeWithoutXSIType(t *testing.T) {
	const body = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
<f:GetForecast xmlns:f="urn:example:forecast">
 <points><item><lat>1.5</lat><lon>2.5</lon></item></points>
 <days>2</days><unit>imperial</unit>
 <fields><string>high</string><string>low</string></fields>
</f:GetForecast></s:Body></s:Envelope>`
	env, err := forecast.DecodeOptions{Policy: forecast.DecodeStrict}.UnmarshalEnvelope([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	want := &forecast.GetForecast{
		Points: &forecast.ArrayOfPoint{Item: []forecast.Point{point("1.5", "2.5")}},
		Days:   2, Unit: forecast.UnitImperial,
		Fields: &forecast.ArrayOfString{Item: []string{"high", "low"}},
	}
	if !reflect.DeepEqual(env.Body, want) {
		t.Errorf("got %#v, want %#v", env.Body, want)
	}
}

// References that do not resolve, or resolve to themselves, are errors
// naming the reference; a value shared many times is copied within bounds.
func TestMultiRefErrors(t *testing.T) {
	const head = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns1:PingResponse xmlns:ns1="urn:example:forecast">`
	for _, tc := range []struct{ body, want string }{
		{head + `<return href="#nowhere"/></ns1:PingResponse></soapenv:Body></soapenv:Envelope>`, `href "#nowhere" names no element`},
		{head + `<return href="http://example.com/x"/></ns1:PingResponse></soapenv:Body></soapenv:Envelope>`, `is not a reference to an element of the message`},
		{head + `<return href="#a"/></ns1:PingResponse><m id="a"><x href="#a"/></m></soapenv:Body></soapenv:Envelope>`, `(a cycle)`},
		{head + `<return href="#a"/></ns1:PingResponse><m id="a"/><m id="a"/></soapenv:Body></soapenv:Envelope>`, `id "a" is used twice`},
	} {
		_, err := forecast.UnmarshalEnvelope([]byte(tc.body))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.body, err, tc.want)
		}
	}
	// 20 levels of two references to the level below: 2^20 copies.
	var b strings.Builder
	b.WriteString(head + `<return href="#l0"/></ns1:PingResponse>`)
	for i := 0; i < 20; i++ {
		b.WriteString(`<m id="l` + itoa(i) + `"><a href="#l` + itoa(i+1) + `"/><b href="#l` + itoa(i+1) + `"/></m>`)
	}
	b.WriteString(`<m id="l20">x</m></soapenv:Body></soapenv:Envelope>`)
	if _, err := forecast.UnmarshalEnvelope([]byte(b.String())); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("exponential references: error %v", err)
	}
	// a value shared a few times resolves
	ok := head + `<return href="#s"/></ns1:PingResponse><m id="s" xmlns:xsd="http://www.w3.org/2001/XMLSchema">pong</m></soapenv:Body></soapenv:Envelope>`
	env, err := forecast.UnmarshalEnvelope([]byte(ok))
	if err != nil || env.Body.(*forecast.PingResponse).Return != "pong" {
		t.Errorf("shared value: %v %v", env, err)
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
