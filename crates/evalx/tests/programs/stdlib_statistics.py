import statistics as st
from fractions import Fraction
data = [2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5]
print(st.mean([1, 2, 3, 4, 4]), st.mean([1, 2, 3]), st.mean(data), st.mean([Fraction(3, 7), Fraction(1, 21)]), st.mean([1, 2.5]))
print(st.fmean([3.5, 4.0, 5.25]), st.geometric_mean([54, 24, 36]), st.harmonic_mean([40, 60]), st.harmonic_mean([2.5, 3, 10]), st.harmonic_mean([40, 60], weights=[5, 30]))
print(st.median([1, 3, 5]), st.median([1, 3, 5, 7]), st.median_low([1, 3, 5, 7]), st.median_high([1, 3, 5, 7]), st.median_grouped([52, 52, 53, 54]), st.median_grouped([1, 2, 2, 3, 4, 4, 4, 4, 4, 5], interval=2))
print(st.mode([1, 1, 2, 3, 3, 3, 3, 4]), st.mode(["red", "blue", "blue", "red", "green", "red", "red"]), st.multimode('aabbbbccddddeeffffgg'), st.multimode(''))
print(st.pvariance([0.0, 0.25, 0.25, 1.25, 1.5, 1.75, 2.75, 3.25]), st.variance(data), st.stdev(data), st.pstdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]), st.variance([1, 2, 3, 4]), st.variance([1, 2, 3]), st.pvariance([Fraction(1, 4), Fraction(5, 4), Fraction(1, 2)]))
print(st.stdev([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), st.stdev(range(100)), st.pstdev([2, 4, 4, 4, 5, 5, 7, 9]), st.variance(data, st.mean(data)))
print(st.quantiles([105, 129, 87, 86, 111, 111, 89, 81, 108, 92, 110, 100, 75, 105, 103, 109, 76, 119, 99, 91, 103, 129, 106, 101, 84, 111, 74, 87, 86, 103, 103, 106, 86, 111, 75, 87, 102, 121, 111, 88, 89, 101, 106, 95, 103, 107, 101, 81, 109, 104], n=10))
print(st.quantiles([1, 2, 3, 4, 5], n=4, method='inclusive'), st.quantiles([1, 2], n=3))
x = [1, 2, 3, 4, 5, 6, 7, 8, 9]; y = [1, 2, 3, 1, 2, 3, 1, 2, 3]
print(st.covariance(x, y), st.correlation(x, x), st.correlation(x, y), st.linear_regression(x, [2 * v + 1 for v in x]), st.linear_regression([1, 2, 3], [2, 4, 6.5], proportional=True))
nd = st.NormalDist(100, 15)
print(nd, nd.cdf(130), nd.pdf(100), round(nd.inv_cdf(0.975), 10), [round(q, 10) for q in nd.quantiles()], nd.zscore(130), nd + 5, nd * 2, nd.overlap(st.NormalDist(110, 10)))
print(st.NormalDist.from_samples([2.5, 3.1, 2.1, 2.4, 2.7, 3.5]), round(st.NormalDist().inv_cdf(0.1), 12), round(st.NormalDist().inv_cdf(0.999), 12))
print(st.NormalDist(0, 1).samples(3, seed=42))
for f, a in [(st.mean, []), (st.median, []), (st.mode, []), (st.variance, [1]), (st.stdev, [1]), (st.pvariance, []), (st.quantiles, [1]), (st.harmonic_mean, [-1, 2]), (st.geometric_mean, [0, 1])]:
    try:
        f(a)
    except st.StatisticsError as e:
        print(f.__name__, e)
print(isinstance(st.StatisticsError(), ValueError), st.mean([True, False, True]), st.median(['a', 'c', 'b']))
