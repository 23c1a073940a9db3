package ews_test

import (
	"encoding/xml"
	"runtime"
	"testing"

	"github.com/ewsgen/ewsgen/generated/ews"
)

// allocsPerItem reports the heap allocations of one b.Loop run per item
// of the message; start is runtime.MemStats.Mallocs before the loop.
func allocsPerItem(b *testing.B, start uint64, items int) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.Mallocs-start)/float64(b.N)/float64(items), "allocs/item")
}

func mallocs() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.Mallocs
}

// BenchmarkValidation measures validation against decoding, per message
// (see benchMessages): impl=decode decodes the envelope, impl=decodevalidate
// decodes then validates its body, impl=validate validates an already
// decoded body, impl=encodingxml decodes the same bytes with encoding/xml
// into tagged structs. Each reports allocs/item besides allocs/op. Side by
// side:
//
//	go test -run '^$' -bench 'Validation/msg=finditem' -count 5 -benchtime 200ms ./generated/ews > /tmp/v.txt
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
			start := mallocs()
			for b.Loop() {
				if _, err := ews.UnmarshalEnvelope(data); err != nil {
					b.Fatal(err)
				}
			}
			allocsPerItem(b, start, m.items)
		})
		b.Run("msg="+m.name+"/impl=decodevalidate", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			start := mallocs()
			for b.Loop() {
				e, err := ews.UnmarshalEnvelope(data)
				if err != nil {
					b.Fatal(err)
				}
				if err := ews.Validate(e.Body); err != nil {
					b.Fatal(err)
				}
			}
			allocsPerItem(b, start, m.items)
		})
		b.Run("msg="+m.name+"/impl=validate", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			start := mallocs()
			for b.Loop() {
				if err := ews.Validate(env.Body); err != nil {
					b.Fatal(err)
				}
			}
			allocsPerItem(b, start, m.items)
		})
		b.Run("msg="+m.name+"/impl=encodingxml", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			start := mallocs()
			for b.Loop() {
				if err := xml.Unmarshal(data, m.newBX()); err != nil {
					b.Fatal(err)
				}
			}
			allocsPerItem(b, start, m.items)
		})
	}
}
