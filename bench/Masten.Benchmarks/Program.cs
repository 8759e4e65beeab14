using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project bench/Masten.Benchmarks -- --filter '*'
// See bench/README.md for what each benchmark measures and what it printed.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
