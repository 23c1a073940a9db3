package generator

import (
	"testing"

	"github.com/ewsgen/ewsgen/internal/corpus"
)

// BenchmarkGenerate generates the full package from the newest EWS schemas.
func BenchmarkGenerate(b *testing.B) {
	dir := corpus.Dir(b)
	cfg := Config{WSDL: corpus.WSDL(dir, "v2018_01_08"), Package: "ews"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		files, err := Generate(cfg)
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			lines := 0
			for _, f := range files {
				for _, c := range f.Content {
					if c == '\n' {
						lines++
					}
				}
			}
			b.ReportMetric(float64(lines), "lines/op")
		}
	}
}
