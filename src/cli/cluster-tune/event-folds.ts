/**
 * k-fold splits by event for the cluster tuner: the topic model's group folds (every report of
 * one event in the same fold, seeded shuffle, largest events dealt first), one implementation.
 */
export { groupFolds as eventFolds } from '../../match/model/cross-validate.js';
