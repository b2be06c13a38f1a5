package io.contrast4j.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Hand-written {@code java.lang.foreign} bindings to the OpenCL 1.2 C API in {@code libOpenCL.so.1}
 * (the ICD loader), tinygrad-style: no JNI, no JOCL, no generated code.
 *
 * <p>Type mapping: every {@code cl_*} handle and pointer is {@code ADDRESS}; {@code cl_int},
 * {@code cl_uint}, {@code cl_bool} and the {@code cl_*_info} enums are {@code JAVA_INT};
 * {@code cl_device_type}, {@code cl_mem_flags}, {@code cl_command_queue_properties} and
 * {@code size_t} are {@code JAVA_LONG}. The wrappers below return the raw status code (or the
 * created handle) so callers decide how to report failures; use {@link ClException#check}.
 *
 * <p>{@link #load()} throws when the library is missing; {@link #available()} never throws.
 */
public final class OpenCl {
    /** The shared library name looked up on the system's library path. */
    public static final String LIBRARY = "libOpenCL.so.1";

    // cl_platform_info
    public static final int CL_PLATFORM_PROFILE = 0x0900;
    public static final int CL_PLATFORM_VERSION = 0x0901;
    public static final int CL_PLATFORM_NAME = 0x0902;
    public static final int CL_PLATFORM_VENDOR = 0x0903;
    public static final int CL_PLATFORM_EXTENSIONS = 0x0904;
    // cl_device_type
    public static final long CL_DEVICE_TYPE_DEFAULT = 1;
    public static final long CL_DEVICE_TYPE_CPU = 2;
    public static final long CL_DEVICE_TYPE_GPU = 4;
    public static final long CL_DEVICE_TYPE_ACCELERATOR = 8;
    public static final long CL_DEVICE_TYPE_CUSTOM = 16;
    public static final long CL_DEVICE_TYPE_ALL = 0xFFFFFFFFL;
    // cl_device_info
    public static final int CL_DEVICE_TYPE = 0x1000;
    public static final int CL_DEVICE_MAX_COMPUTE_UNITS = 0x1002;
    public static final int CL_DEVICE_MAX_WORK_GROUP_SIZE = 0x1004;
    public static final int CL_DEVICE_MAX_MEM_ALLOC_SIZE = 0x1010;
    public static final int CL_DEVICE_GLOBAL_MEM_SIZE = 0x101F;
    public static final int CL_DEVICE_LOCAL_MEM_SIZE = 0x1023;
    public static final int CL_DEVICE_NAME = 0x102B;
    public static final int CL_DEVICE_VENDOR = 0x102C;
    public static final int CL_DRIVER_VERSION = 0x102D;
    public static final int CL_DEVICE_VERSION = 0x102F;
    public static final int CL_DEVICE_EXTENSIONS = 0x1030;
    public static final int CL_DEVICE_OPENCL_C_VERSION = 0x103D;
    // contexts, buffers, programs, kernels
    public static final long CL_CONTEXT_PLATFORM = 0x1084;
    public static final long CL_MEM_READ_WRITE = 1;
    public static final int CL_PROGRAM_BUILD_STATUS = 0x1181;
    public static final int CL_PROGRAM_BUILD_LOG = 0x1183;
    public static final int CL_KERNEL_WORK_GROUP_SIZE = 0x11B0;
    public static final int CL_KERNEL_LOCAL_MEM_SIZE = 0x11B2;
    public static final int CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE = 0x11B3;
    public static final int CL_TRUE = 1;
    public static final int CL_FALSE = 0;

    private static final Object LOCK = new Object();
    private static volatile OpenCl instance;
    private static volatile String loadFailure;

    private final MethodHandle getPlatformIDs;
    private final MethodHandle getPlatformInfo;
    private final MethodHandle getDeviceIDs;
    private final MethodHandle getDeviceInfo;
    private final MethodHandle createContext;
    private final MethodHandle createCommandQueue;
    private final MethodHandle createBuffer;
    private final MethodHandle enqueueWriteBuffer;
    private final MethodHandle enqueueReadBuffer;
    private final MethodHandle enqueueCopyBuffer;
    private final MethodHandle enqueueFillBuffer;
    private final MethodHandle createProgramWithSource;
    private final MethodHandle buildProgram;
    private final MethodHandle getProgramBuildInfo;
    private final MethodHandle createKernel;
    private final MethodHandle setKernelArg;
    private final MethodHandle enqueueNDRangeKernel;
    private final MethodHandle getKernelWorkGroupInfo;
    private final MethodHandle finish;
    private final MethodHandle releaseMemObject;
    private final MethodHandle releaseKernel;
    private final MethodHandle releaseProgram;
    private final MethodHandle releaseCommandQueue;
    private final MethodHandle releaseContext;

    private OpenCl(SymbolLookup lib) {
        Linker linker = Linker.nativeLinker();
        FunctionDescriptor info5 = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS);
        FunctionDescriptor release = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        getPlatformIDs = bind(linker, lib, "clGetPlatformIDs",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        getPlatformInfo = bind(linker, lib, "clGetPlatformInfo", info5);
        getDeviceIDs = bind(linker, lib, "clGetDeviceIDs",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
        getDeviceInfo = bind(linker, lib, "clGetDeviceInfo", info5);
        createContext = bind(linker, lib, "clCreateContext",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        createCommandQueue = bind(linker, lib, "clCreateCommandQueue",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
        createBuffer = bind(linker, lib, "clCreateBuffer",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS));
        FunctionDescriptor rw = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_LONG,
                ADDRESS, JAVA_INT, ADDRESS, ADDRESS);
        enqueueWriteBuffer = bind(linker, lib, "clEnqueueWriteBuffer", rw);
        enqueueReadBuffer = bind(linker, lib, "clEnqueueReadBuffer", rw);
        enqueueCopyBuffer = bind(linker, lib, "clEnqueueCopyBuffer", FunctionDescriptor.of(JAVA_INT, ADDRESS,
                ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
        enqueueFillBuffer = bind(linker, lib, "clEnqueueFillBuffer", FunctionDescriptor.of(JAVA_INT, ADDRESS,
                ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
        createProgramWithSource = bind(linker, lib, "clCreateProgramWithSource",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        buildProgram = bind(linker, lib, "clBuildProgram",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        getProgramBuildInfo = bind(linker, lib, "clGetProgramBuildInfo",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS));
        createKernel = bind(linker, lib, "clCreateKernel",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        setKernelArg = bind(linker, lib, "clSetKernelArg",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS));
        enqueueNDRangeKernel = bind(linker, lib, "clEnqueueNDRangeKernel", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        getKernelWorkGroupInfo = bind(linker, lib, "clGetKernelWorkGroupInfo",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS));
        finish = bind(linker, lib, "clFinish", release);
        releaseMemObject = bind(linker, lib, "clReleaseMemObject", release);
        releaseKernel = bind(linker, lib, "clReleaseKernel", release);
        releaseProgram = bind(linker, lib, "clReleaseProgram", release);
        releaseCommandQueue = bind(linker, lib, "clReleaseCommandQueue", release);
        releaseContext = bind(linker, lib, "clReleaseContext", release);
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lib, String name, FunctionDescriptor fd) {
        MemorySegment symbol = lib.find(name)
                .orElseThrow(() -> new IllegalStateException(LIBRARY + " has no symbol " + name));
        return linker.downcallHandle(symbol, fd);
    }

    /**
     * The process-wide bindings, loading {@value #LIBRARY} on first use.
     *
     * @throws IllegalStateException when the library cannot be opened or lacks an entry point
     */
    public static OpenCl load() {
        OpenCl cl = instance;
        if (cl != null) {
            return cl;
        }
        synchronized (LOCK) {
            if (instance != null) {
                return instance;
            }
            if (loadFailure != null) {
                throw new IllegalStateException(loadFailure);
            }
            try {
                instance = new OpenCl(SymbolLookup.libraryLookup(LIBRARY, Arena.global()));
                return instance;
            } catch (IllegalArgumentException | IllegalStateException e) {
                loadFailure = "OpenCL library " + LIBRARY + " not usable: " + e.getMessage();
                throw new IllegalStateException(loadFailure, e);
            }
        }
    }

    /**
     * Whether OpenCL can be used here: the library loads and at least one platform exposes a device.
     * Never throws; the result carries the reason when OpenCL is not usable.
     */
    public static ClAvailability available() {
        OpenCl cl;
        try {
            cl = load();
        } catch (RuntimeException e) {
            return ClAvailability.unavailable(e.getMessage());
        }
        try {
            List<ClDevice> devices = ClDevice.list(cl);
            if (devices.isEmpty()) {
                return ClAvailability.unavailable("no OpenCL device found on any platform");
            }
            return new ClAvailability(cl, devices, null);
        } catch (ClException e) {
            String reason = switch (e.code()) {
                case ClStatus.CL_PLATFORM_NOT_FOUND_KHR -> "no OpenCL platform installed (ICD loader found none): ";
                case ClStatus.CL_DEVICE_NOT_FOUND -> "no OpenCL device found"
                        + " (for PoCL, check that POCL_CACHE_DIR is writable): ";
                default -> "OpenCL discovery failed: ";
            };
            return ClAvailability.unavailable(reason + e.getMessage());
        } catch (RuntimeException e) {
            return ClAvailability.unavailable("OpenCL discovery failed: " + e);
        }
    }

    // ---------------------------------------------------------------- raw calls

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    public int clGetPlatformIDs(int numEntries, MemorySegment platforms, MemorySegment numPlatforms) {
        try {
            return (int) getPlatformIDs.invokeExact(numEntries, platforms, numPlatforms);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public int clGetPlatformInfo(MemorySegment platform, int param, long size, MemorySegment value,
            MemorySegment sizeRet) {
        try {
            return (int) getPlatformInfo.invokeExact(platform, param, size, value, sizeRet);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public int clGetDeviceIDs(MemorySegment platform, long type, int numEntries, MemorySegment devices,
            MemorySegment numDevices) {
        try {
            return (int) getDeviceIDs.invokeExact(platform, type, numEntries, devices, numDevices);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public int clGetDeviceInfo(MemorySegment device, int param, long size, MemorySegment value,
            MemorySegment sizeRet) {
        try {
            return (int) getDeviceInfo.invokeExact(device, param, size, value, sizeRet);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public MemorySegment clCreateContext(MemorySegment properties, int numDevices, MemorySegment devices,
            MemorySegment errcode) {
        try {
            return (MemorySegment) createContext.invokeExact(properties, numDevices, devices, MemorySegment.NULL,
                    MemorySegment.NULL, errcode);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public MemorySegment clCreateCommandQueue(MemorySegment context, MemorySegment device, long properties,
            MemorySegment errcode) {
        try {
            return (MemorySegment) createCommandQueue.invokeExact(context, device, properties, errcode);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public MemorySegment clCreateBuffer(MemorySegment context, long flags, long size, MemorySegment hostPtr,
            MemorySegment errcode) {
        try {
            return (MemorySegment) createBuffer.invokeExact(context, flags, size, hostPtr, errcode);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public int clEnqueueWriteBuffer(MemorySegment queue, MemorySegment buffer, int blocking, long offset, long size,
            MemorySegment ptr) {
        try {
            return (int) enqueueWriteBuffer.invokeExact(queue, buffer, blocking, offset, size, ptr, 0,
                    MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public int clEnqueueReadBuffer(MemorySegment queue, MemorySegment buffer, int blocking, long offset, long size,
            MemorySegment ptr) {
        try {
            return (int) enqueueReadBuffer.invokeExact(queue, buffer, blocking, offset, size, ptr, 0,
                    MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public int clEnqueueCopyBuffer(MemorySegment queue, MemorySegment src, MemorySegment dst, long srcOffset,
            long dstOffset, long size) {
        try {
            return (int) enqueueCopyBuffer.invokeExact(queue, src, dst, srcOffset, dstOffset, size, 0,
                    MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public int clEnqueueFillBuffer(MemorySegment queue, MemorySegment buffer, MemorySegment pattern,
            long patternSize, long offset, long size) {
        try {
            return (int) enqueueFillBuffer.invokeExact(queue, buffer, pattern, patternSize, offset, size, 0,
                    MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public MemorySegment clCreateProgramWithSource(MemorySegment context, int count, MemorySegment strings,
            MemorySegment lengths, MemorySegment errcode) {
        try {
            return (MemorySegment) createProgramWithSource.invokeExact(context, count, strings, lengths, errcode);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public int clBuildProgram(MemorySegment program, int numDevices, MemorySegment devices, MemorySegment options) {
        try {
            return (int) buildProgram.invokeExact(program, numDevices, devices, options, MemorySegment.NULL,
                    MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public int clGetProgramBuildInfo(MemorySegment program, MemorySegment device, int param, long size,
            MemorySegment value, MemorySegment sizeRet) {
        try {
            return (int) getProgramBuildInfo.invokeExact(program, device, param, size, value, sizeRet);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public MemorySegment clCreateKernel(MemorySegment program, MemorySegment name, MemorySegment errcode) {
        try {
            return (MemorySegment) createKernel.invokeExact(program, name, errcode);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** For a buffer argument pass a pointer to a slot holding the {@code cl_mem}; for local memory pass NULL. */
    public int clSetKernelArg(MemorySegment kernel, int index, long size, MemorySegment value) {
        try {
            return (int) setKernelArg.invokeExact(kernel, index, size, value);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public int clEnqueueNDRangeKernel(MemorySegment queue, MemorySegment kernel, int workDim,
            MemorySegment globalOffset, MemorySegment globalSize, MemorySegment localSize) {
        try {
            return (int) enqueueNDRangeKernel.invokeExact(queue, kernel, workDim, globalOffset, globalSize,
                    localSize, 0, MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public int clGetKernelWorkGroupInfo(MemorySegment kernel, MemorySegment device, int param, long size,
            MemorySegment value, MemorySegment sizeRet) {
        try {
            return (int) getKernelWorkGroupInfo.invokeExact(kernel, device, param, size, value, sizeRet);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public int clFinish(MemorySegment queue) {
        return release(finish, queue);
    }

    public int clReleaseMemObject(MemorySegment mem) {
        return release(releaseMemObject, mem);
    }

    public int clReleaseKernel(MemorySegment kernel) {
        return release(releaseKernel, kernel);
    }

    public int clReleaseProgram(MemorySegment program) {
        return release(releaseProgram, program);
    }

    public int clReleaseCommandQueue(MemorySegment queue) {
        return release(releaseCommandQueue, queue);
    }

    public int clReleaseContext(MemorySegment context) {
        return release(releaseContext, context);
    }

    private static int release(MethodHandle h, MemorySegment handle) {
        try {
            return (int) h.invokeExact(handle);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- helpers for info queries

    /** A string-valued {@code clGetDeviceInfo}/{@code clGetPlatformInfo} result, trailing NUL removed. */
    interface InfoCall {
        int call(long size, MemorySegment value, MemorySegment sizeRet);
    }

    static String infoString(InfoCall call, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sizeRet = arena.allocate(JAVA_LONG);
            ClException.check(call.call(0, MemorySegment.NULL, sizeRet), name);
            long size = sizeRet.get(JAVA_LONG, 0);
            if (size <= 0) {
                return "";
            }
            MemorySegment buf = arena.allocate(size);
            ClException.check(call.call(size, buf, MemorySegment.NULL), name);
            return buf.getString(0);
        }
    }

    static long infoLong(InfoCall call, String name, ValueLayout layout) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(JAVA_LONG);
            ClException.check(call.call(layout.byteSize(), buf, MemorySegment.NULL), name);
            return layout.byteSize() == 4 ? Integer.toUnsignedLong(buf.get(JAVA_INT, 0)) : buf.get(JAVA_LONG, 0);
        }
    }
}
