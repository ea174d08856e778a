//! A small plan built in code for the interface's tests: two parts with
//! groups, agencies that lead and take part, a long text for wrapping, a
//! long title for truncation, and a second plan for the switcher.

use super::action::Action;
use super::app::{Effect, update};
use super::data::{Data, Naming};
use super::state::App;
use super::theme::Theme;
use crate::i18n::Lang;
use crate::model::{Catalog, Plan, Section, Task};
use crate::progress::Progress;
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub const LONG_TEXT: &str = "加强专利审查能力建设，完善质量评价机制，高价值专利审查周期压减至16个月以内。完善集中审查、优先审查、专利审查高速路、延迟审查等模式，推进CNIPA审查业务在2020年全面上线。";

pub fn catalog() -> Catalog {
    let mut remit = Task::new(
        60,
        "各地区、各有关部门按照职责分工，抓好本计划的组织实施。",
        &["知识产权局", "市场监管总局"],
    );
    remit.per_remit = true;
    Catalog::new(vec![
        Plan::new(
            "p",
            "2020年深入实施国家知识产权战略加快建设知识产权强国推进计划",
            vec![
                Section::new(
                    "一",
                    "深化知识产权领域改革",
                    vec![],
                    vec![
                        Section::new(
                            "一",
                            "改革完善知识产权政策",
                            vec![
                                Task::new(
                                    1,
                                    "制定出台促进知识产权服务业高质量发展的政策文件。",
                                    &["知识产权局"],
                                ),
                                Task::new(
                                    11,
                                    "持续深化企业名称登记管理改革。",
                                    &["市场监管总局", "知识产权局"],
                                ),
                            ],
                            vec![],
                        ),
                        Section::new(
                            "二",
                            "深化知识产权领域“放管服”改革",
                            vec![Task::new(
                                20,
                                "严格实施认证领域“双随机、一公开”监管工作。",
                                &["公安部", "市场监管总局"],
                            )],
                            vec![],
                        ),
                    ],
                ),
                Section::new(
                    "三",
                    "促进知识产权创造运用",
                    vec![],
                    vec![Section::new(
                        "一",
                        "提高知识产权审查质量和效率",
                        vec![
                            Task::new(55, LONG_TEXT, &["知识产权局", "市场监管总局", "公安部"]),
                            Task::new(56, "优化商标审查质量评价指标体系。", &["知识产权局"]),
                            remit,
                        ],
                        vec![],
                    )],
                ),
            ],
        ),
        Plan::new(
            "q",
            "另一个计划",
            vec![Section::new(
                "一",
                "其他工作",
                vec![Task::new(1, "另一个计划的第一项任务。", &["教育部"])],
                vec![],
            )],
        ),
    ])
}

fn full_name(name: &str) -> Option<String> {
    match name {
        "知识产权局" => Some("国家知识产权局".into()),
        "市场监管总局" => Some("国家市场监督管理总局".into()),
        _ => None,
    }
}

/// Session data in `lang`, monochrome (the NO_COLOR look), a fixed clock
/// and UTC, so that every test sees the same screens.
pub fn data(lang: Lang) -> Data {
    let naming = Naming {
        full: &full_name,
        ..Naming::plain()
    };
    let mut data = Data::new(catalog(), &naming, lang, Theme::new(false));
    data.user = "ann".into();
    data.clock = Box::new(|| Timestamp::from_second(1_700_000_000).expect("fixed time"));
    data.tz = jiff::tz::TimeZone::UTC;
    data.state_path = Some("/tmp/state.json".into());
    // Early in the plan's year (2020): every task on track (green), so the
    // lists other tests check stay as they are; light tests set their own.
    data.fixed_today = Some(jiff::civil::date(2020, 6, 1));
    data
}

pub fn app(data: &Data, width: u16, height: u16) -> App {
    let mut app = App::new(data, Progress::default());
    update(&mut app, data, Action::Resize(width, height));
    app
}

/// Runs actions in order, collecting the effects.
pub fn run(app: &mut App, data: &Data, actions: impl IntoIterator<Item = Action>) -> Vec<Effect> {
    actions
        .into_iter()
        .flat_map(|action| update(app, data, action))
        .collect()
}

pub fn type_text(text: &str) -> Vec<Action> {
    text.chars().map(Action::Input).collect()
}

/// The screen as text, one line per row, wide characters once.
pub fn screen(app: &App, data: &Data) -> String {
    let backend = TestBackend::new(app.width, app.height);
    let mut terminal = Terminal::new(backend).expect("test terminal");
    terminal
        .draw(|frame| super::view::render(frame, app, data))
        .expect("draws");
    buffer_text(terminal.backend().buffer())
}

pub fn buffer_text(buffer: &ratatui::buffer::Buffer) -> String {
    let width = usize::from(buffer.area.width);
    let mut out = String::new();
    for row in buffer.content.chunks(width) {
        let mut skip = 0;
        for cell in row {
            if skip == 0 {
                out.push_str(cell.symbol());
            }
            skip = std::cmp::max(skip, crate::text::display_width(cell.symbol())).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

/// A replica of the fixture's plans on a state directory in `dir`, written
/// as "ann", behind the saving thread: marks and undos go through the same
/// code as in a session.
pub fn saver_in(dir: &std::path::Path) -> super::persist::Saver {
    use crate::store::{Location, Store, Writer};
    let writer = Writer {
        person: "ann".into(),
        agency: None,
        host: "test".into(),
    };
    let location = Location {
        dir: dir.join("state"),
        v1: None,
    };
    let store = Store::open(location, writer).expect("opens");
    let replica = crate::replica::Replica::new(catalog(), Vec::new()).with_store(store);
    let (results, receiver) = std::sync::mpsc::channel();
    super::persist::Saver::spawn(replica, results, receiver).expect("saver thread")
}

/// Runs actions through the loop's `perform`, then feeds back the saving
/// thread's results until it is idle (polling with a deadline).
pub fn run_loop(
    app: &mut App,
    data: &Data,
    saver: &super::persist::Saver,
    actions: impl IntoIterator<Item = Action>,
) {
    let mut sink: Vec<u8> = Vec::new();
    let mut perform = |app: &mut App, action| {
        let clip = (
            &mut sink as &mut dyn std::io::Write,
            crate::clipboard::Passthrough::None,
        );
        // The look-ahead changes no result; the tests type without it.
        super::perform(app, data, saver, clip, &mut None, action);
    };
    for action in actions {
        perform(app, action);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let idle = !saver.busy();
            for result in saver.results() {
                perform(app, result);
            }
            if idle {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the saver never finished"
            );
            std::thread::yield_now();
        }
    }
}
