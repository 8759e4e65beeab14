using System.Globalization;
using BenchmarkDotNet.Attributes;
using Masten.Core.Missions;
using Masten.Core.Progress;

namespace Masten.Benchmarks;

/// <summary>
/// Assesses 100,000 synthetic indicators (mixed shapes and directions, 2–3 targets, 20 quarterly
/// observations each, all inside the five-year pace window so Theil–Sen sees all 190 pairs) in one
/// loop: the work a national-size mission overview does on every load. Target: under one second
/// on one core for assessment alone. Run:
/// dotnet run -c Release --project bench/Masten.Benchmarks -- --filter '*Progress*' --job short
/// </summary>
[MemoryDiagnoser]
public class ProgressBenchmarks
{
    private const int Indicators = 100_000;
    private static readonly DateOnly AsOf = new(2025, 3, 1);
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    private IndicatorSpec[] specs = [];
    private DatedValue[][] series = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20251127);
        var shapes = Enum.GetValues<PathwayShape>();
        specs = new IndicatorSpec[Indicators];
        series = new DatedValue[Indicators][];
        for (var i = 0; i < Indicators; i++)
        {
            var shape = shapes[i % shapes.Length];
            var lowerIsBetter = i % 2 == 0;
            var baseline = 100 + random.NextDouble() * 900;
            var final = lowerIsBetter ? baseline * (0.2 + random.NextDouble() * 0.5) : baseline * (1.5 + random.NextDouble());
            var middle = baseline + (final - baseline) * 0.5;
            DatedValue[] targets = i % 3 == 0
                ? [new(new DateOnly(2027, 12, 31), baseline + (final - baseline) * 0.3), new(new DateOnly(2030, 12, 31), middle), new(new DateOnly(2035, 12, 31), final)]
                : [new(new DateOnly(2030, 12, 31), middle), new(new DateOnly(2035, 12, 31), final)];
            specs[i] = new IndicatorSpec(
                $"Indikator {i}", "ton",
                lowerIsBetter ? Direction.LowerIsBetter : Direction.HigherIsBetter,
                ReportingFrequency.Quarterly, shape, new DatedValue(new DateOnly(2020, 1, 1), baseline), targets);

            // 20 quarterly values from spring 2020 on, moving towards the target at a random share of the needed pace, with noise.
            var pace = (final - baseline) / 16 * (0.3 + random.NextDouble());
            var values = new DatedValue[20];
            for (var q = 0; q < values.Length; q++)
            {
                var noise = 1 + (random.NextDouble() - 0.5) * 0.04;
                values[q] = new DatedValue(new DateOnly(2020, 3, 31).AddMonths(3 * q), (baseline + pace * q / 4) * noise);
            }
            series[i] = values;
        }
    }

    /// <summary>Builds each path and assesses it: status, gap, Theil–Sen pace, forecasts, reach date.</summary>
    [Benchmark(Baseline = true)]
    public int Assess()
    {
        var onTrack = 0;
        for (var i = 0; i < specs.Length; i++)
        {
            if (ProgressAssessor.Assess(specs[i], series[i], AsOf).Status == ProgressStatus.OnTrack)
                onTrack++;
        }
        return onTrack;
    }

    /// <summary>The same, plus the Swedish plain-language text for every indicator.</summary>
    [Benchmark]
    public int AssessAndExplain()
    {
        var characters = 0;
        for (var i = 0; i < specs.Length; i++)
            characters += ExplanationWords.Describe(ProgressAssessor.Assess(specs[i], series[i], AsOf), Swedish).Length;
        return characters;
    }
}
