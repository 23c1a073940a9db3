// Hostilegen writes the full-size hostile schemas of package hostile into a
// folder, for measuring ewsgen on them:
//
//	go run ./internal/hostile/hostilegen DIR
//
// writes DIR/chain.xsd (10,000-deep extension chain), DIR/enum.xsd (1e6
// enumeration values), DIR/cycle.xsd, DIR/escape/main.xsd (with
// DIR/outside.xsd) and DIR/big.wsdl (23,000 types, about 50 MB).
//
//	go run ./internal/hostile/hostilegen DIR chain|enum|wsdl|wide N
//
// writes only that one, with size N.
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/ewsgen/ewsgen/internal/hostile"
)

func main() {
	if len(os.Args) != 2 && len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: hostilegen DIR [chain|enum|wsdl|wide N]")
		os.Exit(2)
	}
	dir := os.Args[1]
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	steps := []func() (string, error){
		func() (string, error) { return hostile.DeepChain(dir, 10000) },
		func() (string, error) { return hostile.BigEnum(dir, 1000000) },
		func() (string, error) { return hostile.Cycle(dir) },
		func() (string, error) { return hostile.Escape(dir) },
		func() (string, error) { return hostile.BigWSDL(dir, 23000) },
	}
	if len(os.Args) == 4 {
		n, err := strconv.Atoi(os.Args[3])
		gen := map[string]func(string, int) (string, error){
			"chain": hostile.DeepChain, "enum": hostile.BigEnum, "wsdl": hostile.BigWSDL, "wide": hostile.Wide,
		}[os.Args[2]]
		if err != nil || n < 1 || gen == nil {
			fmt.Fprintln(os.Stderr, "usage: hostilegen DIR [chain|enum|wsdl|wide N]")
			os.Exit(2)
		}
		steps = []func() (string, error){func() (string, error) { return gen(dir, n) }}
	}
	for _, s := range steps {
		p, err := s()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fi, err := os.Stat(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("%s\t%d bytes\n", p, fi.Size())
	}
}
