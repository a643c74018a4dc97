package check

import (
	"os/exec"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// finishBound bounds how long finish waits for the program's processes to
// be gone.
const finishBound = 2 * time.Second

// family is a program under test and every process it started, held in a
// job object: Windows puts a process's children in its job, so stopping
// the job stops the launchers' children too (py.exe and a venv's
// python.exe start the real python.exe and wait for it), which killing
// the program alone leaves running, with the port it holds. The program
// starts suspended and runs only once it is in the job, so no child it
// starts escapes. Where no job can be made, only the program is stopped.
type family struct {
	job windows.Handle // 0 when there is none
}

// jobAccounting is JOBOBJECT_BASIC_ACCOUNTING_INFORMATION (winnt.h).
type jobAccounting struct {
	totalUser, totalKernel, periodUser, periodKernel int64
	pageFaults, total, active, terminated            uint32
}

// newFamily makes the job that will hold the program and asks for the
// program to start suspended; started puts it in the job and resumes it.
func newFamily(cmd *exec.Cmd) *family {
	job, err := windows.CreateJobObject(nil, nil)
	if err != nil {
		return &family{}
	}
	var limits windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION
	limits.BasicLimitInformation.LimitFlags = windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
	_, _ = windows.SetInformationJobObject(job, windows.JobObjectExtendedLimitInformation,
		uintptr(unsafe.Pointer(&limits)), uint32(unsafe.Sizeof(limits)))
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.CreationFlags |= windows.CREATE_SUSPENDED
	return &family{job: job}
}

// started puts the program, still suspended, in the job and lets it run.
func (f *family) started(pid int, _ func() bool) {
	if f.job == 0 {
		return
	}
	if h, err := windows.OpenProcess(windows.PROCESS_SET_QUOTA|windows.PROCESS_TERMINATE, false, uint32(pid)); err == nil {
		_ = windows.AssignProcessToJobObject(f.job, h)
		_ = windows.CloseHandle(h)
	}
	resume(uint32(pid))
}

// resume resumes the threads of process pid (a process started suspended
// has one).
func resume(pid uint32) {
	snap, err := windows.CreateToolhelp32Snapshot(windows.TH32CS_SNAPTHREAD, 0)
	if err != nil {
		return
	}
	defer windows.CloseHandle(snap)
	te := windows.ThreadEntry32{Size: uint32(unsafe.Sizeof(windows.ThreadEntry32{}))}
	for err = windows.Thread32First(snap, &te); err == nil; err = windows.Thread32Next(snap, &te) {
		if te.OwnerProcessID != pid {
			continue
		}
		if h, err := windows.OpenThread(windows.THREAD_SUSPEND_RESUME, false, te.ThreadID); err == nil {
			_, _ = windows.ResumeThread(h)
			_ = windows.CloseHandle(h)
		}
	}
}

// signal ends every process in the job: Windows has no polite signal for
// them (killGroup has killed the program itself already).
func (f *family) signal(bool) {
	if f.job != 0 {
		_ = windows.TerminateJobObject(f.job, 1)
	}
}

// finish ends what is left in the job, waits (at most finishBound) until
// none of its processes runs, and lets the job go.
func (f *family) finish() {
	if f.job == 0 {
		return
	}
	_ = windows.TerminateJobObject(f.job, 1)
	end := time.Now().Add(finishBound)
	for time.Now().Before(end) {
		var acct jobAccounting
		err := windows.QueryInformationJobObject(f.job, windows.JobObjectBasicAccountingInformation,
			uintptr(unsafe.Pointer(&acct)), uint32(unsafe.Sizeof(acct)), nil)
		if err != nil || acct.active == 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	_ = windows.CloseHandle(f.job)
	f.job = 0
}
