//! The terminal interface. Keys become actions in `keymap`; `app::update`
//! turns actions into state and effects; `view` draws the state; this
//! module's loop carries out effects (saving) and feeds the results back.

pub mod action;
pub mod app;
pub mod as_of;
pub mod backend;
pub mod data;
pub mod keymap;
pub mod line_edit;
pub mod lists;
pub mod loading;
pub mod marking;
pub mod meeting;
pub mod persist;
pub mod search_box;
pub mod state;
pub mod summary;
pub mod terminal;
pub mod theme;
pub mod view;

#[cfg(test)]
mod fixture;
#[cfg(test)]
mod tests;

use crate::agencies::Registry;
use crate::clipboard::Passthrough;
use crate::i18n::Lang;
use crate::model::TaskKey;
use crate::progress::Change;
use crate::replica::Replica;
use action::Action;
use app::{Effect, update};
use data::{Data, Naming};
use persist::Saver;
use ratatui::crossterm::event::{self, Event};
use state::App;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

/// How often the state file is checked for other terminals' marks.
const POLL: Duration = Duration::from_secs(1);

pub struct Options {
    pub lang: Lang,
    pub background: theme::Background,
    /// Sync in the background this often (the configuration's `sync_interval`).
    pub sync_every: Option<Duration>,
    /// No language chosen and nothing marked yet: say how to switch.
    pub first_start: bool,
    /// How marks left unsaved by a hang-up are handed to the user.
    pub recovery: terminal::Recovery,
    /// Where the file of those commands may go (the user's own directories).
    pub keep_dirs: Vec<PathBuf>,
    /// The lights' rules (and the day, when fixed).
    pub day: crate::deadline::Day,
    pub fixed_today: Option<jiff::civil::Date>,
}

/// The registry's names: full names in the detail, one row per agency
/// however a plan spells it, and every name for the search.
pub fn registry_naming() -> Naming<'static> {
    let registry = Registry::builtin();
    Naming {
        full: &|name| Registry::builtin().resolve(name).map(|a| a.full.clone()),
        canonical: &|name| Registry::builtin().canonical(name).to_string(),
        search: if registry.all().is_empty() {
            &|_| Vec::new()
        } else {
            &|name| {
                Registry::builtin()
                    .resolve(name)
                    .map(|a| a.names().map(String::from).collect())
                    .unwrap_or_default()
            }
        },
    }
}

/// What the loading thread hands over: the plans and marks, and the
/// problems met reading them.
pub struct Loaded {
    pub replica: Replica,
    pub warnings: Vec<String>,
}

/// How a session ended: the marks that could not be saved, and the
/// problems met loading (shown in the status bar, printed again after).
#[derive(Default)]
pub struct Ended {
    pub unsaved: Vec<(TaskKey, Change)>,
    pub warnings: Vec<String>,
    /// The terminal failed under the interface; `unsaved` still holds the
    /// marks, to be handed back before this is reported.
    pub failed: Option<std::io::Error>,
}

/// Everything the interface needs, built on the loading thread.
struct Ready {
    replica: Replica,
    data: Data,
    app: App,
    warnings: Vec<String>,
}

/// The loading thread's messages: progress, then the outcome.
enum FromLoader<E> {
    Tasks(usize),
    Done(Result<Box<Ready>, E>),
}

/// Opens the interface at once and has `load` read the plans and the
/// state on another thread, which calls its argument with the number of
/// tasks once the plans are read. Fails with `load`'s error, or when the
/// terminal fails.
pub fn run<E>(
    load: impl FnOnce(&dyn Fn(usize)) -> Result<Loaded, E> + Send + 'static,
    options: Options,
) -> Result<Ended, E>
where
    E: From<std::io::Error> + Send + 'static,
{
    // Where the kernel refuses, nothing changes but memory and speed.
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    let theme = theme::Theme::from_env(options.background);
    let (lang, rules, fixed_today) = (options.lang, options.day.rules, options.fixed_today);
    let (to_loop, from_loader) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("loading".into())
        .spawn(move || {
            let report = |tasks| {
                pages_for(tasks);
                let _ = to_loop.send(FromLoader::Tasks(tasks));
            };
            let ready = load(&report)
                .map(|loaded| Box::new(prepare(loaded, lang, theme, rules, fixed_today)));
            // Once the interface has the index: what makes later pinyin
            // keystrokes cheaper is read meanwhile, here.
            let pairs = ready.as_ref().ok().map(|r| r.data.index.pairs_later());
            let _ = to_loop.send(FromLoader::Done(ready));
            if let Some(read_pairs) = pairs {
                read_pairs();
            }
        })?;

    // Signals are handled from the first frame; what a signal must save
    // exists only once the state is open.
    let pending = persist::Pending::default();
    let last_save = terminal::SaveSlot::default();
    terminal::install_panic_hook();
    terminal::spawn_signal_thread(terminal::OnSignal {
        pending: pending.clone(),
        save: last_save.clone(),
        recovery: options.recovery,
        keep_dirs: options.keep_dirs,
    })?;
    let mut term = terminal::enter()?;
    let ready = match wait_for_plans(&mut term, &from_loader, lang, &theme) {
        Ok(Some(ready)) => ready,
        Ok(None) => {
            terminal::restore();
            return Ok(Ended::default());
        }
        Err(error) => {
            terminal::restore();
            return Err(error);
        }
    };
    let (
        Ready {
            replica,
            data,
            mut app,
            warnings,
        },
        waiting,
    ) = *ready;
    let synced = options
        .sync_every
        .and_then(|every| replica.spawn_background_sync(every));
    app.syncing = synced.is_some();
    // The signal thread's own way to the state, with a short wait: a
    // hang-up must end the process within a second.
    if let Some(mut save) = replica.last_resort(LAST_SAVE_WAIT) {
        *terminal::lock_slot(&last_save) = Some(Box::new(move |changes| save(changes)));
    }
    let (results, receiver) = std::sync::mpsc::channel();
    let saver = match Saver::spawn_sharing(replica, pending, results, receiver) {
        Ok(saver) => saver,
        Err(error) => {
            terminal::restore();
            return Err(error.into());
        }
    };
    if let Some(first) = warnings.first() {
        app.set_error(first.clone());
    } else if options.first_start {
        app.set_message(crate::i18n::cli::FIRST_START.to_string());
    }
    let result = event_loop(&mut term, &mut app, &data, &saver, synced.as_ref(), waiting);
    // A write to a terminal that just hung up fails before the hang-up's
    // ending has kept the unsaved changes; returning now would exit first
    // and lose them.
    if result.is_err() && terminal::is_gone() {
        terminal::end_as_hang_up();
    }
    terminal::restore();
    // Best effort: a closed stdout must not keep the marks below from flushing.
    let _ = meeting::print_queued(
        &app,
        &mut crate::terminal_text::TextOnly::new(std::io::stdout()),
    );
    Ok(Ended {
        unsaved: saver.finish(),
        warnings,
        failed: result.err(),
    })
}

/// Huge pages again, for what is built after the plans are read, when
/// they hold so many tasks that a keystroke's hits (16 bytes a task) fill
/// more than one: the interface starts on small pages (see [`run`]).
///
/// Huge pages (mimalloc's segments get them) make loading fast, a few
/// hundred page faults instead of thirty thousand, but every 2 MB region
/// touched is resident whole: a 100-task plan held 16 MB, and at 100k
/// tasks the interface's peak was 95–97 MB against 87–88 on small pages
/// (BENCHMARKS.md, Round 17), with its plan on screen as soon within this
/// machine's noise. A keystroke at 100k tasks is faster on small pages
/// too: its short-lived vectors come back to the allocator, which hands
/// them to the system during the pause before the next key, and each
/// fault then clears 2 MB however little is used (`知识` on long texts
/// waited 20–25 ms, against 15–16 on small pages). At 1M tasks the
/// vectors fill their huge pages and small ones cost more (`知` 59 → 70
/// ms; Round 15).
fn pages_for(tasks: usize) {
    const HUGE_PAGE: usize = 2 << 20;
    if tasks.saturating_mul(std::mem::size_of::<crate::search::Hit>()) > HUGE_PAGE {
        let _ = rustix::thread::disable_transparent_huge_pages(false);
    }
}

/// The data and the state of the interface over the loaded plans: the
/// search index, the agency table, every task's status and light.
fn prepare(
    loaded: Loaded,
    lang: crate::i18n::Lang,
    theme: theme::Theme,
    rules: crate::deadline::Rules,
    fixed_today: Option<jiff::civil::Date>,
) -> Ready {
    let Loaded { replica, warnings } = loaded;
    let mut data = Data::new(replica.catalog.clone(), &registry_naming(), lang, theme);
    data.user = replica
        .writer()
        .map_or_else(crate::store::current_user, |w| w.person.clone());
    data.agency = replica.writer().and_then(|w| w.agency.clone());
    data.tmux_blocks_copy = tmux_blocks_copy();
    data.state_path = replica.state_dir().map(|p| p.display().to_string());
    data.rules = rules;
    data.fixed_today = fixed_today;
    let mut app = App::new(&data, replica.progress().clone());
    app.read_only = replica.read_only().map(String::from);
    Ready {
        replica,
        data,
        app,
        warnings,
    }
}

/// The loading screen until the loading thread is done: the interface and
/// the keys typed meanwhile, or `None` when the user quit first.
type Waited<E> = Result<Option<Box<(Ready, Vec<Event>)>>, E>;

fn wait_for_plans<E: From<std::io::Error>>(
    term: &mut terminal::Term,
    from_loader: &Receiver<FromLoader<E>>,
    lang: crate::i18n::Lang,
    theme: &theme::Theme,
) -> Waited<E> {
    let mut loading = loading::Loading::new();
    // As in `event_loop`: crossterm's resize handler, before the first frame.
    let _ = event::poll(Duration::ZERO)?;
    loop {
        if terminal::hung_up() {
            std::thread::park();
            continue;
        }
        if terminal::follow_job_control(term)? {
            loading.dirty = true;
        }
        if loading.dirty {
            term.draw(|frame| loading::render(frame, &loading, lang, theme))?;
            loading.dirty = false;
        }
        let mut inputs = Vec::new();
        if event::poll(LOADER)? {
            match event::read()? {
                Event::Key(key) if is_suspend(&key) => {
                    terminal::suspend(term)?;
                    loading.dirty = true;
                }
                event => inputs.push(loading::Input::Event(event)),
            }
        }
        loop {
            match from_loader.try_recv() {
                Ok(FromLoader::Tasks(n)) => inputs.push(loading::Input::Tasks(n)),
                Ok(FromLoader::Done(ready)) => {
                    for input in inputs {
                        if loading.update(input) == loading::Step::Quit {
                            return Ok(None);
                        }
                    }
                    return Ok(Some(Box::new((*ready?, loading.waiting))));
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => break,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    return Err(std::io::Error::other("the loading thread ended").into());
                }
            }
        }
        for input in inputs {
            if loading.update(input) == loading::Step::Quit {
                return Ok(None);
            }
        }
    }
}

/// How often the loading screen looks for the loading thread's progress.
const LOADER: Duration = Duration::from_millis(10);

/// How long the signal thread waits for another writer's lock at exit.
const LAST_SAVE_WAIT: Duration = Duration::from_millis(300);

/// How often results are looked for while the saver is busy.
const RESULTS: Duration = Duration::from_millis(20);

fn event_loop(
    term: &mut terminal::Term,
    app: &mut App,
    data: &Data,
    saver: &Saver,
    synced: Option<&Receiver<Result<String, String>>>,
    waiting: Vec<Event>,
) -> std::io::Result<()> {
    // crossterm installs its SIGWINCH handler when its event source is
    // first used; before that a resize is lost. Touch it before the first
    // frame, then read the size, so a resize during start-up is seen.
    let _ = event::poll(Duration::ZERO)?;
    // tmux sets TMUX in its panes; read here, at the edge, not in update.
    let clip = Passthrough::for_tmux_var(std::env::var("TMUX").ok().as_deref());
    let size = term.size()?;
    update(app, data, Action::Resize(size.width, size.height));
    let mut last_poll = Instant::now();
    // Keys typed while loading, applied in order before any new one.
    let mut waiting = waiting.into_iter();
    // The search's look-ahead, started once the screen it follows is drawn
    // so that the two do not share the cores.
    let mut ahead: Option<String> = None;
    loop {
        if terminal::hung_up() {
            // The signal thread is saving and will end the process; the
            // terminal is gone, so not one more byte goes to it.
            std::thread::park();
            continue;
        }
        if terminal::follow_job_control(term)? {
            app.dirty = true;
        }
        // Drawn only after something changed: an idle screen sends nothing.
        // Keys typed while loading are applied together, then drawn.
        if app.dirty && waiting.len() == 0 {
            term.draw(|frame| view::render(frame, app, data))?;
            app.dirty = false;
        }
        if let Some(query) = ahead.take() {
            data.index.look_ahead(&query);
        }
        let mut actions = Vec::new();
        let mut wait = POLL.saturating_sub(last_poll.elapsed());
        if saver.busy() {
            wait = wait.min(RESULTS);
        }
        if let Some(event) = waiting.next() {
            actions.extend(event_action(app, event));
        } else if event::poll(wait)? {
            match event::read()? {
                Event::Key(key) if is_suspend(&key) => {
                    terminal::suspend(term)?;
                    app.dirty = true;
                }
                event => actions.extend(event_action(app, event)),
            }
        }
        // A background sync that ended: its outcome, then what it brought.
        let mut came_in = false;
        while let Some(outcome) = synced.and_then(|r| r.try_recv().ok()) {
            came_in = true;
            actions.push(Action::Synced(outcome));
        }
        if came_in || last_poll.elapsed() >= POLL {
            last_poll = Instant::now();
            saver.poll();
        }
        actions.extend(saver.results());
        for action in actions {
            if perform(
                app,
                data,
                saver,
                (term.backend_mut(), clip),
                &mut ahead,
                action,
            ) {
                return Ok(());
            }
        }
    }
}

/// What a terminal event asks of the interface in its present mode.
pub fn event_action(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => keymap::resolve(app.mode(), key),
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        // Pasted text is data: it never goes through the keymap.
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    }
}

/// Ctrl-Z, as a shell would take it: the terminal's job control, not a
/// command of any view.
fn is_suspend(key: &event::KeyEvent) -> bool {
    key.kind != event::KeyEventKind::Release
        && key.modifiers.contains(event::KeyModifiers::CONTROL)
        && matches!(key.code, event::KeyCode::Char('z' | 'Z'))
}

/// Where copied text goes: the terminal (between frames) and how to wrap it.
type ClipOut<'a> = (&'a mut dyn std::io::Write, Passthrough);

/// Runs one action and its effects; true when the user quit.
fn perform(
    app: &mut App,
    data: &Data,
    saver: &Saver,
    clip: ClipOut,
    ahead: &mut Option<String>,
    action: Action,
) -> bool {
    let (out, passthrough) = clip;
    for effect in update(app, data, action) {
        match effect {
            // Results come back through `saver.results()`.
            Effect::Save(save) => {
                let agency = data.agency.as_deref().unwrap_or_default();
                saver.save(save, &data.user, agency);
            }
            Effect::Copy(text) => {
                if let Err(error) = meeting::write_osc52(out, &text, passthrough) {
                    update(app, data, Action::CopyFailed(error.to_string()));
                }
            }
            Effect::LookAhead(query) => *ahead = Some(query),
            Effect::Quit => return true,
        }
    }
    false
}

/// Inside tmux, whether it will drop the clipboard sequence: it passes a
/// program's OSC 52 on only with `allow-passthrough` (for the wrapped
/// sequence) or `set-clipboard on`. Asked once at start, of tmux itself.
fn tmux_blocks_copy() -> bool {
    if std::env::var_os("TMUX").is_none() {
        return false;
    }
    let option = |name: &str| {
        std::process::Command::new("tmux")
            .args(["show-options", "-gqv", name])
            .output()
            .ok()
            .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    // Unknown (no tmux binary, an old tmux): say nothing rather than guess.
    match (option("allow-passthrough"), option("set-clipboard")) {
        (Some(passthrough), Some(clipboard)) => passthrough != "on" && clipboard != "on",
        _ => false,
    }
}
