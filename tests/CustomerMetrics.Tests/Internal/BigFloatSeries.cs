using System.Numerics;

namespace CustomerMetrics.Tests.Internal;

/// <summary>
/// Test oracle: ₂F₁(a, b; c; z) by its defining power series in binary fixed point with 400 fractional bits (about 120
/// decimal digits), the parameters converted exactly from their doubles. Independent of the library's transformations;
/// exact to far below double precision whatever the cancellation (terminating series) and for |z| &lt; 1.
/// </summary>
internal static class BigFloatSeries
{
    private const int Bits = 400;

    public static double Gauss(double a, double b, double c, double z, int maxTerms = 400_000)
    {
        BigInteger one = BigInteger.One << Bits;
        BigInteger ba = From(a), bb = From(b), bc = From(c), bz = From(z);
        BigInteger term = one, sum = one;
        BigInteger tiny = BigInteger.One << 40; // 2^(40 − 400): far below any double's last bit relative to the sums here.
        for (int k = 0; k < maxTerms; k++)
        {
            BigInteger bk = new BigInteger(k) << Bits;
            // term *= (a+k)(b+k) z / ((c+k)(k+1))
            term = Multiply(term, ba + bk);
            term = Multiply(term, bb + bk);
            term = Multiply(term, bz);
            term = Divide(term, bc + bk);
            term /= k + 1;
            if (term.IsZero)
            {
                return ToDouble(sum);
            }

            sum += term;
            if (BigInteger.Abs(term) < tiny && k > 10)
            {
                return ToDouble(sum);
            }
        }

        throw new InvalidOperationException("Reference series did not converge.");
    }

    private static BigInteger From(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        int shift = exponent - 1075 + Bits; // value = mantissa · 2^(exponent − 1075)
        BigInteger result = shift >= 0 ? new BigInteger(mantissa) << shift : new BigInteger(mantissa) >> -shift;
        return negative ? -result : result;
    }

    private static BigInteger Multiply(BigInteger x, BigInteger y) => (x * y) >> Bits;

    private static BigInteger Divide(BigInteger x, BigInteger y) => (x << Bits) / y;

    private static double ToDouble(BigInteger value)
    {
        // value / 2^Bits, rounded through the top 64 significant bits.
        int length = (int)value.GetBitLength();
        int drop = Math.Max(0, length - 62);
        return (double)(value >> drop) * Math.Pow(2, drop - Bits);
    }
}
