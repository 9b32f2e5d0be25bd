//! A job on another core.
//!
//! `vanban render` makes the DOCX and checks the document on a second
//! thread while this one makes the PDF. Left to itself, Linux started the new thread on the core of
//! the thread that made it in most runs on the 2-core VM of
//! docs/benchmarks.md: it then waited for the PDF to be done, or took its
//! core, and the two files were made one after the other. So the new
//! thread is kept off that core (when there is another one it may use):
//! by the thread that made it, as soon as it exists, and by itself when it
//! starts, as it often ran before the other could ask.

use std::sync::{mpsc, Arc, Mutex};
use std::thread::JoinHandle;

/// A job started on another thread: [`Elsewhere::join`] waits for its
/// result.
pub struct Elsewhere<T> {
    result: mpsc::Receiver<std::thread::Result<T>>,
}

impl<T> Elsewhere<T> {
    /// The job's result; a panic in the job goes on here. It comes as soon
    /// as the job is done: the thread ends on its own after (joining it
    /// waited another 0.1 ms for its stack and caches to be freed).
    pub fn join(self) -> T {
        match self.result.recv() {
            Ok(Ok(t)) => t,
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Err(mpsc::RecvError) => unreachable!("the thread sends its result before it ends"),
        }
    }
}

/// Starts `job` on a new thread that keeps off the current thread's core;
/// where no thread can be had, runs it here and now.
pub fn spawn<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> Elsewhere<T> {
    let elsewhere = Cores::but_this_one();
    let (tx, result) = mpsc::sync_channel(1);
    // The job waits here until a thread takes it: if none can be started,
    // this one does.
    let slot = Arc::new(Mutex::new(Some((job, tx))));
    let theirs = Arc::clone(&slot);
    let spawned = std::thread::Builder::new()
        .name("vanban-second".into())
        .spawn(move || {
            elsewhere.keep_to::<()>(None);
            run(&theirs);
        });
    match spawned {
        Ok(handle) => elsewhere.keep_to(Some(&handle)),
        Err(_) => run(&slot),
    }
    Elsewhere { result }
}

type Slot<F, T> = Mutex<Option<(F, mpsc::SyncSender<std::thread::Result<T>>)>>;

/// Runs the job in `slot`, if it is still there, and sends its result.
fn run<T, F: FnOnce() -> T>(slot: &Slot<F, T>) {
    let taken = slot.lock().ok().and_then(|mut s| s.take());
    if let Some((job, tx)) = taken {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
        // The receiver is dropped only after a result came.
        let _ = tx.send(r);
    }
}

/// The cores the current thread may use, but the one it runs on.
#[cfg(target_os = "linux")]
#[derive(Clone, Copy)]
struct Cores(Option<libc::cpu_set_t>);

#[cfg(target_os = "linux")]
impl Cores {
    const SIZE: usize = std::mem::size_of::<libc::cpu_set_t>();

    fn but_this_one() -> Cores {
        // SAFETY: a plain bit set filled by the kernel; `here` is in range
        // (the kernel gave it).
        unsafe {
            let mut others: libc::cpu_set_t = std::mem::zeroed();
            let here = libc::sched_getcpu();
            if here < 0 || libc::sched_getaffinity(0, Self::SIZE, &mut others) != 0 {
                return Cores(None);
            }
            libc::CPU_CLR(here as usize, &mut others);
            Cores((libc::CPU_COUNT(&others) > 0).then_some(others))
        }
    }

    /// Moves `thread` (`None`: the calling thread) onto these cores.
    fn keep_to<T>(&self, thread: Option<&JoinHandle<T>>) {
        use std::os::unix::thread::JoinHandleExt;
        let Some(set) = &self.0 else { return };
        // SAFETY: the set made in `but_this_one`; the thread is alive (its
        // handle is not joined).
        unsafe {
            match thread {
                None => libc::sched_setaffinity(0, Self::SIZE, set),
                Some(t) => libc::pthread_setaffinity_np(
                    t.as_pthread_t() as libc::pthread_t,
                    Self::SIZE,
                    set,
                ),
            }
        };
    }
}

#[cfg(not(target_os = "linux"))]
#[derive(Clone, Copy)]
struct Cores;

#[cfg(not(target_os = "linux"))]
impl Cores {
    fn but_this_one() -> Cores {
        Cores
    }
    fn keep_to<T>(&self, _: Option<&JoinHandle<T>>) {}
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_job_runs_on_another_thread() {
        let here = std::thread::current().id();
        let job = super::spawn(move || std::thread::current().id() != here);
        assert!(job.join());
    }

    /// The job may run on every core this thread may use but one (the
    /// core this thread was on when it started the job), and runs on one
    /// of them. (Comparing cores directly would race with the scheduler
    /// moving this thread.)
    #[cfg(target_os = "linux")]
    #[test]
    fn the_job_keeps_off_one_core_when_there_is_another() {
        let size = std::mem::size_of::<libc::cpu_set_t>();
        let mask = move || {
            // SAFETY: a plain bit set filled by the kernel.
            unsafe {
                let mut set: libc::cpu_set_t = std::mem::zeroed();
                assert_eq!(libc::sched_getaffinity(0, size, &mut set), 0);
                set
            }
        };
        let allowed = mask();
        let (job_mask, job_core) =
            super::spawn(move || (mask(), unsafe { libc::sched_getcpu() })).join();
        // SAFETY: reading bit sets made above.
        unsafe {
            let n = libc::CPU_COUNT(&allowed);
            if n > 1 {
                assert_eq!(
                    libc::CPU_COUNT(&job_mask),
                    n - 1,
                    "the job may run anywhere"
                );
                assert!(libc::CPU_ISSET(job_core as usize, &job_mask));
            } else {
                assert_eq!(libc::CPU_COUNT(&job_mask), n);
            }
        }
    }

    #[test]
    fn a_panic_in_the_job_reaches_the_caller() {
        let job = super::spawn(|| -> u8 { panic!("in the job") });
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.join()));
        assert!(caught.is_err());
    }
}
