package cwlogs_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/aws/smithy-go/metrics"
	"github.com/aws/smithy-go/tracing"
)

// telemetryRecorder is an in-memory TracerProvider and MeterProvider, on
// smithy-go's interfaces alone: it keeps every span, event and
// measurement, for tests to look at.
type telemetryRecorder struct {
	mu          sync.Mutex
	spans       []*recSpan
	instruments map[string]*recInstrument
	scopes      []string
	nextID      int
}

func newTelemetryRecorder() *telemetryRecorder {
	return &telemetryRecorder{instruments: map[string]*recInstrument{}}
}

// recSpan is a span as recorded.
type recSpan struct {
	rec    *telemetryRecorder
	id     int
	name   string
	kind   tracing.SpanKind
	parent *recSpan
	props  map[any]any
	events []recEvent
	status tracing.SpanStatus
	ended  int // the number of End calls
}

type recEvent struct {
	name  string
	props map[any]any
}

// recInstrument is an instrument as made, with its measurements.
type recInstrument struct {
	name, kind, unit, desc string
	values                 []recMeasurement
}

type recMeasurement struct {
	value any // int64 or float64
	props map[any]any
	// span is the span of the context the measurement was made with.
	span *recSpan
}

func (r *telemetryRecorder) Tracer(scope string, _ ...tracing.TracerOption) tracing.Tracer {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.scopes = append(r.scopes, "tracer "+scope)
	return recTracer{r}
}

type recTracer struct{ r *telemetryRecorder }

func (t recTracer) StartSpan(ctx context.Context, name string, opts ...tracing.SpanOption) (context.Context, tracing.Span) {
	var o tracing.SpanOptions
	for _, fn := range opts {
		fn(&o)
	}
	t.r.mu.Lock()
	t.r.nextID++
	s := &recSpan{rec: t.r, id: t.r.nextID, name: name, kind: o.Kind, props: maps.Clone(o.Properties.Values())}
	if s.props == nil {
		s.props = map[any]any{}
	}
	if parent, ok := tracing.GetSpan(ctx); ok {
		s.parent, _ = parent.(*recSpan)
	}
	t.r.spans = append(t.r.spans, s)
	t.r.mu.Unlock()
	return tracing.WithSpan(ctx, s), s
}

func (s *recSpan) Name() string { return s.name }

func (s *recSpan) Context() tracing.SpanContext {
	return tracing.SpanContext{TraceID: "trace", SpanID: fmt.Sprint(s.id)}
}

func (s *recSpan) AddEvent(name string, opts ...tracing.EventOption) {
	var o tracing.EventOptions
	for _, fn := range opts {
		fn(&o)
	}
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	s.events = append(s.events, recEvent{name, maps.Clone(o.Properties.Values())})
}

func (s *recSpan) SetStatus(status tracing.SpanStatus) {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	s.status = status
}

func (s *recSpan) SetProperty(k, v any) {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	s.props[k] = v
}

func (s *recSpan) End() {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	s.ended++
}

func (r *telemetryRecorder) Meter(scope string, _ ...metrics.MeterOption) metrics.Meter {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.scopes = append(r.scopes, "meter "+scope)
	return recMeter{r}
}

type recMeter struct{ r *telemetryRecorder }

// instrument returns the instrument name, made on first use.
func (m recMeter) instrument(name, kind string, opts []metrics.InstrumentOption) *recInstrument {
	var o metrics.InstrumentOptions
	for _, fn := range opts {
		fn(&o)
	}
	m.r.mu.Lock()
	defer m.r.mu.Unlock()
	in := m.r.instruments[name]
	if in == nil {
		in = &recInstrument{name: name, kind: kind, unit: o.UnitLabel, desc: o.Description}
		m.r.instruments[name] = in
	}
	return in
}

func (r *telemetryRecorder) record(in *recInstrument, ctx context.Context, v any, opts []metrics.RecordMetricOption) {
	var o metrics.RecordMetricOptions
	for _, fn := range opts {
		fn(&o)
	}
	span, _ := tracing.GetSpan(ctx)
	s, _ := span.(*recSpan)
	r.mu.Lock()
	defer r.mu.Unlock()
	in.values = append(in.values, recMeasurement{value: v, props: maps.Clone(o.Properties.Values()), span: s})
}

// recInt64 and recFloat64 are the synchronous instruments.
type recInt64 struct {
	r  *telemetryRecorder
	in *recInstrument
}

func (i recInt64) Add(ctx context.Context, v int64, opts ...metrics.RecordMetricOption) {
	i.r.record(i.in, ctx, v, opts)
}
func (i recInt64) Record(ctx context.Context, v int64, opts ...metrics.RecordMetricOption) {
	i.r.record(i.in, ctx, v, opts)
}
func (i recInt64) Sample(ctx context.Context, v int64, opts ...metrics.RecordMetricOption) {
	i.r.record(i.in, ctx, v, opts)
}

type recFloat64 struct {
	r  *telemetryRecorder
	in *recInstrument
}

func (i recFloat64) Add(ctx context.Context, v float64, opts ...metrics.RecordMetricOption) {
	i.r.record(i.in, ctx, v, opts)
}
func (i recFloat64) Record(ctx context.Context, v float64, opts ...metrics.RecordMetricOption) {
	i.r.record(i.in, ctx, v, opts)
}
func (i recFloat64) Sample(ctx context.Context, v float64, opts ...metrics.RecordMetricOption) {
	i.r.record(i.in, ctx, v, opts)
}

type recAsync struct{}

func (recAsync) Stop() {}

func (m recMeter) Int64Counter(name string, opts ...metrics.InstrumentOption) (metrics.Int64Counter, error) {
	return recInt64{m.r, m.instrument(name, "Int64Counter", opts)}, nil
}
func (m recMeter) Int64UpDownCounter(name string, opts ...metrics.InstrumentOption) (metrics.Int64UpDownCounter, error) {
	return recInt64{m.r, m.instrument(name, "Int64UpDownCounter", opts)}, nil
}
func (m recMeter) Int64Gauge(name string, opts ...metrics.InstrumentOption) (metrics.Int64Gauge, error) {
	return recInt64{m.r, m.instrument(name, "Int64Gauge", opts)}, nil
}
func (m recMeter) Int64Histogram(name string, opts ...metrics.InstrumentOption) (metrics.Int64Histogram, error) {
	return recInt64{m.r, m.instrument(name, "Int64Histogram", opts)}, nil
}
func (m recMeter) Int64AsyncCounter(name string, _ metrics.Int64Callback, opts ...metrics.InstrumentOption) (metrics.AsyncInstrument, error) {
	m.instrument(name, "Int64AsyncCounter", opts)
	return recAsync{}, nil
}
func (m recMeter) Int64AsyncUpDownCounter(name string, _ metrics.Int64Callback, opts ...metrics.InstrumentOption) (metrics.AsyncInstrument, error) {
	m.instrument(name, "Int64AsyncUpDownCounter", opts)
	return recAsync{}, nil
}
func (m recMeter) Int64AsyncGauge(name string, _ metrics.Int64Callback, opts ...metrics.InstrumentOption) (metrics.AsyncInstrument, error) {
	m.instrument(name, "Int64AsyncGauge", opts)
	return recAsync{}, nil
}
func (m recMeter) Float64Counter(name string, opts ...metrics.InstrumentOption) (metrics.Float64Counter, error) {
	return recFloat64{m.r, m.instrument(name, "Float64Counter", opts)}, nil
}
func (m recMeter) Float64UpDownCounter(name string, opts ...metrics.InstrumentOption) (metrics.Float64UpDownCounter, error) {
	return recFloat64{m.r, m.instrument(name, "Float64UpDownCounter", opts)}, nil
}
func (m recMeter) Float64Gauge(name string, opts ...metrics.InstrumentOption) (metrics.Float64Gauge, error) {
	return recFloat64{m.r, m.instrument(name, "Float64Gauge", opts)}, nil
}
func (m recMeter) Float64Histogram(name string, opts ...metrics.InstrumentOption) (metrics.Float64Histogram, error) {
	return recFloat64{m.r, m.instrument(name, "Float64Histogram", opts)}, nil
}
func (m recMeter) Float64AsyncCounter(name string, _ metrics.Float64Callback, opts ...metrics.InstrumentOption) (metrics.AsyncInstrument, error) {
	m.instrument(name, "Float64AsyncCounter", opts)
	return recAsync{}, nil
}
func (m recMeter) Float64AsyncUpDownCounter(name string, _ metrics.Float64Callback, opts ...metrics.InstrumentOption) (metrics.AsyncInstrument, error) {
	m.instrument(name, "Float64AsyncUpDownCounter", opts)
	return recAsync{}, nil
}
func (m recMeter) Float64AsyncGauge(name string, _ metrics.Float64Callback, opts ...metrics.InstrumentOption) (metrics.AsyncInstrument, error) {
	m.instrument(name, "Float64AsyncGauge", opts)
	return recAsync{}, nil
}

// tree returns the spans as an indented outline, children under their
// parent in the order they started: "name" for each span, and "!" after
// a span whose status is an error.
func (r *telemetryRecorder) tree() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var lines []string
	var walk func(parent *recSpan, depth int)
	walk = func(parent *recSpan, depth int) {
		for _, s := range r.spans {
			if s.parent != parent {
				continue
			}
			line := strings.Repeat("  ", depth) + s.name
			if s.status == tracing.SpanStatusError {
				line += " !"
			}
			lines = append(lines, line)
			walk(s, depth+1)
		}
	}
	walk(nil, 0)
	return lines
}

// named returns the spans named name, in the order they started.
func (r *telemetryRecorder) named(name string) []*recSpan {
	r.mu.Lock()
	defer r.mu.Unlock()
	var spans []*recSpan
	for _, s := range r.spans {
		if s.name == name {
			spans = append(spans, s)
		}
	}
	return spans
}

// measurements returns the measurements of the instrument name.
func (r *telemetryRecorder) measurements(name string) []recMeasurement {
	r.mu.Lock()
	defer r.mu.Unlock()
	if in := r.instruments[name]; in != nil {
		return slices.Clone(in.values)
	}
	return nil
}

// dump returns everything recorded as text: every span's name, properties
// and events, every instrument and measurement.
func (r *telemetryRecorder) dump() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var b strings.Builder
	for _, s := range r.spans {
		fmt.Fprintf(&b, "span %s %v\n", s.name, s.props)
		for _, e := range s.events {
			fmt.Fprintf(&b, "  event %s %v\n", e.name, e.props)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(r.instruments)) {
		in := r.instruments[name]
		fmt.Fprintf(&b, "instrument %s %s %s %s\n", in.name, in.kind, in.unit, in.desc)
		for _, m := range in.values {
			fmt.Fprintf(&b, "  %v %v\n", m.value, m.props)
		}
	}
	return b.String()
}
