import cron from "node-cron";
import type { Scheduler } from "../../ports/scheduler.js";

/**
 * node-cron for wall-clock expressions (decay every minute, the daily sweep at 03:17), plain
 * intervals for periods such as POLL_INTERVAL_SEC that need not divide an hour. An interval does
 * not keep the process alive on its own.
 */
export function createNodeCronScheduler(): Scheduler {
  return {
    schedule(name, trigger, fire) {
      if ("cron" in trigger) {
        const task = cron.schedule(trigger.cron, fire, { name });
        return () => void task.destroy();
      }
      const timer = setInterval(fire, trigger.everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
