package calendar

import "math"

// The Vietnamese lunar calendar, computed (Hồ Ngọc Đức's method: new moons
// and solar terms from astronomical formulas, reckoned at UTC+7).

const vietnamZone = 7.0

// jdFromDate is the Julian day number of a Gregorian date.
func jdFromDate(dd, mm, yy int) int {
	a := (14 - mm) / 12
	y := yy + 4800 - a
	m := mm + 12*a - 3
	return dd + (153*m+2)/5 + 365*y + y/4 - y/100 + y/400 - 32045
}

// jdToDate is the Gregorian date of a Julian day number.
func jdToDate(jd int) (int, int, int) {
	a := jd + 32044
	b := (4*a + 3) / 146097
	c := a - b*146097/4
	d := (4*c + 3) / 1461
	e := c - 1461*d/4
	m := (5*e + 2) / 153
	day := e - (153*m+2)/5 + 1
	month := m + 3 - 12*(m/10)
	year := b*100 + d - 4800 + m/10
	return day, month, year
}

// newMoon is the Julian day (fractional, UT) of the k-th new moon after
// 1 January 1900.
func newMoon(k float64) float64 {
	t := k / 1236.85
	t2, t3 := t*t, t*t*t
	dr := math.Pi / 180
	jd1 := 2415020.75933 + 29.53058868*k + 0.0001178*t2 - 0.000000155*t3
	jd1 += 0.00033 * math.Sin((166.56+132.87*t-0.009173*t2)*dr)
	m := 359.2242 + 29.10535608*k - 0.0000333*t2 - 0.00000347*t3
	mpr := 306.0253 + 385.81691806*k + 0.0107306*t2 + 0.00001236*t3
	f := 21.2964 + 390.67050646*k - 0.0016528*t2 - 0.00000239*t3
	c1 := (0.1734-0.000393*t)*math.Sin(m*dr) + 0.0021*math.Sin(2*dr*m)
	c1 = c1 - 0.4068*math.Sin(mpr*dr) + 0.0161*math.Sin(dr*2*mpr)
	c1 = c1 - 0.0004*math.Sin(dr*3*mpr)
	c1 = c1 + 0.0104*math.Sin(dr*2*f) - 0.0051*math.Sin(dr*(m+mpr))
	c1 = c1 - 0.0074*math.Sin(dr*(m-mpr)) + 0.0004*math.Sin(dr*(2*f+m))
	c1 = c1 - 0.0004*math.Sin(dr*(2*f-m)) - 0.0006*math.Sin(dr*(2*f+mpr))
	c1 = c1 + 0.0010*math.Sin(dr*(2*f-mpr)) + 0.0005*math.Sin(dr*(2*mpr+m))
	var deltat float64
	if t < -11 {
		deltat = 0.001 + 0.000839*t + 0.0002261*t2 - 0.00000845*t3 - 0.000000081*t*t3
	} else {
		deltat = -0.000278 + 0.000265*t + 0.000262*t2
	}
	return jd1 + c1 - deltat
}

// newMoonDay is the local day number of the k-th new moon.
func newMoonDay(k int) int {
	return int(math.Floor(newMoon(float64(k)) + 0.5 + vietnamZone/24))
}

// sunLongitude is the sun's longitude, in radians, at Julian day jdn (UT).
func sunLongitude(jdn float64) float64 {
	t := (jdn - 2451545.0) / 36525
	t2 := t * t
	dr := math.Pi / 180
	m := 357.52910 + 35999.05030*t - 0.0001559*t2 - 0.00000048*t*t2
	l0 := 280.46645 + 36000.76983*t + 0.0003032*t2
	dl := (1.914600 - 0.004817*t - 0.000014*t2) * math.Sin(dr*m)
	dl += (0.019993-0.000101*t)*math.Sin(dr*2*m) + 0.000290*math.Sin(dr*3*m)
	l := (l0 + dl) * dr
	return l - math.Pi*2*math.Floor(l/(math.Pi*2))
}

// solarTerm is which twelfth of the ecliptic the sun is in at the start of
// a local day (0–11).
func solarTerm(day int) int {
	return int(math.Floor(sunLongitude(float64(day)-0.5-vietnamZone/24) / math.Pi * 6))
}

// month11 is the day the 11th lunar month starts in the year before yy's
// end (the month that holds the winter solstice).
func month11(yy int) int {
	off := float64(jdFromDate(31, 12, yy) - 2415021)
	k := int(math.Floor(off / 29.530588853))
	nm := newMoonDay(k)
	if solarTerm(nm) >= 9 {
		nm = newMoonDay(k - 1)
	}
	return nm
}

// leapOffset is which month after month11 is the leap month.
func leapOffset(a11 int) int {
	k := int(math.Floor((float64(a11)-2415021.076998695)/29.530588853 + 0.5))
	i := 1
	arc := solarTerm(newMoonDay(k + i))
	for last := -1; arc != last && i < 14; {
		last = arc
		i++
		arc = solarTerm(newMoonDay(k + i))
	}
	return i - 1
}

// lunarToSolar is the Gregorian date of a (non-leap) lunar date.
func lunarToSolar(lunarDay, lunarMonth, lunarYear int) (int, int, int) {
	var a11, b11 int
	if lunarMonth < 11 {
		a11, b11 = month11(lunarYear-1), month11(lunarYear)
	} else {
		a11, b11 = month11(lunarYear), month11(lunarYear+1)
	}
	k := int(math.Floor(0.5 + (float64(a11)-2415021.076998695)/29.530588853))
	off := lunarMonth - 11
	if off < 0 {
		off += 12
	}
	if b11-a11 > 365 && off >= leapOffset(a11) {
		off++
	}
	return jdToDate(newMoonDay(k+off) + lunarDay - 1)
}
