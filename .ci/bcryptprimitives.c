/*
 * A stand-in for Windows' bcryptprimitives.dll, for running socklab's
 * Windows test binaries under Wine 8 in CI only (never shipped). Go's
 * runtime (1.22 and later) calls ProcessPrng from that DLL, which Wine 8
 * lacks; this one fills the buffer from RtlGenRandom (SystemFunction036,
 * advapi32), whose length is a ULONG, hence the chunks.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buf, ULONG len);

BOOL WINAPI ProcessPrng(PBYTE p, SIZE_T n)
{
	while (n > 0) {
		ULONG k = n > 0x10000000 ? 0x10000000 : (ULONG)n;
		if (!SystemFunction036(p, k))
			return FALSE;
		p += k;
		n -= k;
	}
	return TRUE;
}
