/** Argument checks shared by the generated data sets (toy, sequence and regression tasks). */

/** Throws a RangeError naming the task unless `samples` is a whole number from `min` to `max`. */
export function checkSampleCount(task: string, samples: number, min: number, max: number): void {
  if (!Number.isInteger(samples) || samples < min || samples > max) {
    throw new RangeError(`The ${task} set needs an integer sample count from ${min} to ${max}, got ${samples}.`);
  }
}

/** Throws a RangeError naming the task unless `noise` is from 0 to `max`. */
export function checkNoise(task: string, noise: number, max: number): void {
  if (!(noise >= 0 && noise <= max)) {
    throw new RangeError(`The ${task} set needs noise from 0 to ${max}, got ${noise}.`);
  }
}
