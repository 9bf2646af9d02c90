/* A test-only stand-in for Windows' bcryptprimitives.dll, which Wine 8.0 lacks and Rust's
 * standard library imports (ProcessPrng, on Windows 10 and later). It forwards to
 * advapi32's RtlGenRandom (SystemFunction036). Built into the smoke test's Wine prefix by
 * scripts/windows-smoke.sh; never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
