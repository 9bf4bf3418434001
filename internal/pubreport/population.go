package pubreport

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
)

// populationCSV is the embedded population table: its source, indicator
// and year are in its header comments.
//
//go:embed population.csv
var populationCSV string

// PopulationSource names the table's source, for the report's notes.
const PopulationSource = "World Bank, World Development Indicators, SP.POP.TOTL (Population, total), 2023"

// Population is a country's population in the embedded table.
type Population struct {
	Country string // ISO 3166-1 alpha-2
	People  int64
	Year    int
}

// populations parses the embedded table: it is part of the program, so a
// bad table is a bug (the test reads it).
func populations() (map[string]Population, error) {
	var lines []string
	for _, l := range strings.Split(populationCSV, "\n") {
		if !strings.HasPrefix(l, "#") && strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	recs, err := csv.NewReader(strings.NewReader(strings.Join(lines, "\n"))).ReadAll()
	if err != nil || len(recs) < 2 || strings.Join(recs[0], ",") != "country,population,year" {
		return nil, fmt.Errorf("pubreport: population table: bad header or CSV (%v)", err)
	}
	out := map[string]Population{}
	for _, r := range recs[1:] {
		n, err1 := strconv.ParseInt(r[1], 10, 64)
		y, err2 := strconv.Atoi(r[2])
		if err1 != nil || err2 != nil || n <= 0 || len(r[0]) != 2 {
			return nil, fmt.Errorf("pubreport: population table: bad line %q", strings.Join(r, ","))
		}
		out[r[0]] = Population{Country: r[0], People: n, Year: y}
	}
	return out, nil
}

// PopulationOf returns country cc's population from the embedded table.
func PopulationOf(cc string) (Population, bool) {
	m, err := populations()
	if err != nil {
		return Population{}, false
	}
	p, ok := m[strings.ToUpper(cc)]
	return p, ok
}
