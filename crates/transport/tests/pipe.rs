//! The pipe transport, with this test playing the browser on the other ends of the pipes.
#![cfg(unix)]

mod common;

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::sync::Arc;

use cdp_transport::Cause;
use cdp_transport::cause::Lost;
use common::{ChannelSink, closed_cause, collect};
use tokio::sync::mpsc;

#[tokio::test]
async fn commands_and_messages_cross_nul_framed() {
  let (browser, client) = cdp_transport::pipe::create().unwrap();
  let (tx, mut rx) = mpsc::unbounded_channel();
  let handle = cdp_transport::pipe::spawn(client, 1 << 20, Arc::new(ChannelSink(tx)));

  // The "browser": reads three commands, answers each, then sends an event split in two writes.
  let commands = File::from(browser.commands);
  let mut messages = File::from(browser.messages);
  let browser_thread = std::thread::spawn(move || {
    let mut reader = BufReader::new(commands);
    let mut seen = Vec::new();
    for _ in 0..3 {
      let mut command = Vec::new();
      reader.read_until(0, &mut command).unwrap();
      command.pop();
      let command: serde_json::Value = serde_json::from_slice(&command).unwrap();
      seen.push(command["method"].as_str().unwrap().to_owned());
      write!(messages, r#"{{"id":{},"result":{{}}}}"#, command["id"]).unwrap();
      messages.write_all(b"\0").unwrap();
    }
    messages.write_all(br#"{"method":"Page.loa"#).unwrap();
    messages.flush().unwrap();
    messages.write_all(b"dEventFired\",\"params\":{\"t\":\"\xc3\xa9\"}}\0").unwrap();
    seen
  });

  assert!(handle.send(r#"{"id":1,"method":"A.one","params":{}}"#.into()));
  // A burst: two commands in one send, each NUL-framed on the pipe.
  let burst = r#"{"id":2,"method":"A.two","params":{}}"#.to_owned()
    + "\n"
    + r#"{"id":3,"method":"A.three","params":{}}"#;
  assert!(handle.send(burst));
  let (got, closed) = collect(&mut rx, 4).await;
  assert_eq!(closed, None);
  assert_eq!(got[0]["id"], 1);
  assert_eq!(got[1]["id"], 2);
  assert_eq!(got[2]["id"], 3);
  assert_eq!(got[3]["method"], "Page.loadEventFired");
  assert_eq!(got[3]["params"]["t"], "é");
  assert_eq!(browser_thread.join().unwrap(), ["A.one", "A.two", "A.three"]);

  // The browser's ends are closed now that its thread is over: that is EOF.
  assert_eq!(
    closed_cause(&mut rx).await,
    Cause::ConnectionLost { how: Lost::Eof { pending_bytes: 0 } }
  );
}

#[tokio::test]
async fn an_oversized_message_closes_the_pipe_with_a_reason() {
  let (browser, client) = cdp_transport::pipe::create().unwrap();
  let (tx, mut rx) = mpsc::unbounded_channel();
  let _handle = cdp_transport::pipe::spawn(client, 1000, Arc::new(ChannelSink(tx)));
  let mut messages = File::from(browser.messages);
  let _commands = browser.commands;
  messages.write_all(&vec![b'x'; 4000]).unwrap();
  let cause = closed_cause(&mut rx).await;
  assert!(matches!(cause, Cause::MessageTooLarge { max: 1000, at_least: true, .. }), "{cause:?}");
}
