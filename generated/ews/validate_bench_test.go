package ews_test

import (
	"testing"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// BenchmarkValidation measures validation against decoding, per message
// (see benchMessages): impl=decode decodes the envelope, impl=decodevalidate
// decodes then validates its body, impl=validate validates an already
// decoded body. Side by side:
//
//	go test -run '^$' -bench Validation -count 6 ./generated/ews > /tmp/v.txt
//	cd bench && go tool benchstat -col /impl /tmp/v.txt
func BenchmarkValidation(b *testing.B) {
	for _, m := range benchMessages() {
		data := m.env.Marshal(m.style)
		env, err := ews.UnmarshalEnvelope(data)
		if err != nil {
			b.Fatal(err)
		}
		if err := ews.Validate(env.Body); err != nil {
			b.Fatalf("%s: %v", m.name, err)
		}
		b.Run("msg="+m.name+"/impl=decode", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := ews.UnmarshalEnvelope(data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("msg="+m.name+"/impl=decodevalidate", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				e, err := ews.UnmarshalEnvelope(data)
				if err != nil {
					b.Fatal(err)
				}
				if err := ews.Validate(e.Body); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("msg="+m.name+"/impl=validate", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if err := ews.Validate(env.Body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
