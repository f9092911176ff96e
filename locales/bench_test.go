package locales

import "testing"

func BenchmarkParseNumber(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseNumber("1.234,5"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadFigure(b *testing.B) {
	cases := []struct {
		name, text string
		spec       spec
	}{
		{"count", "8", members},
		{"percent", "93,5%", share},
		{"money", "240 triệu", perHa},
		{"rating", "Hoàn thành tốt", rating},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ReadFigure(c.text, c.spec); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkFormatNumber(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		FormatNumber(1234567.891, 2)
	}
}
